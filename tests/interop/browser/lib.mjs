// Shared helpers of the browser scenarios: Debian's Chromium driven by playwright-core, one browser context (its own
// cookies and storage) per chat user, JSON-lines reporting, and bounded waits only.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

/** The bound on any single wait in a scenario; generous for a loaded 2-core machine. */
export const WAIT_MS = 20_000;

export function report(event, fields = {}) {
  console.log(JSON.stringify({ event, ...fields }));
}

/**
 * Runs a scenario: launches Chromium (playwright gives each launch a fresh temporary profile), calls `scenario`,
 * reports `done`, and always closes the browser. A failed wait is reported as `{"event":"error"}` and the script
 * still exits 0: the C# test asserts on the lines. Arguments: the server's base URL, then the scenario's own.
 */
export async function run(scenario) {
  const [baseUrl, ...args] = process.argv.slice(2);
  if (!baseUrl) {
    console.error("usage: node <scenario>.mjs <base url> [args]");
    process.exit(2);
  }

  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    report("error", { message: `${executablePath} is missing: install Debian's chromium (apt-get install chromium), or set CHROMIUM_PATH.` });
    return;
  }

  const browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: WAIT_MS,
    // Without the background-networking flags Chromium's own connections are refused here and slow everything down.
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync",
    ],
  });
  try {
    await scenario({ browser, baseUrl: baseUrl.replace(/\/$/, ""), args });
    report("done");
  } catch (error) {
    report("error", { message: String(error?.message ?? error).split("\n").slice(0, 6).join("\n") });
  } finally {
    await browser.close().catch(() => {});
  }
}

/** Opens a page in a context of its own, with every wait bounded and page errors reported. */
export async function openPage(browser, url, name) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 680 } });
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  page.on("pageerror", (error) => report("pageerror", { page: name, message: error.message }));
  await page.goto(url, { timeout: WAIT_MS });
  return page;
}

/** Opens the chat as `nick` and waits until it is connected. `query` is e.g. "?transport=polling". */
export async function login(browser, baseUrl, nick, query = "") {
  const page = await openPage(browser, `${baseUrl}/${query}`, nick);
  await page.fill("#nick", nick);
  await page.click("#login button");
  await page.waitForSelector("#status.online");
  return page;
}

/** Sends a message from the page's input (to the room, or to the whisper target) and waits for its ✓. */
export async function send(page, text) {
  await page.fill("#text", text);
  await page.press("#text", "Enter");
  await page.waitForFunction(
    (t) => [...document.querySelectorAll("#messages li.mine")].some((li) => li.querySelector(".text").textContent === t && li.querySelector(".ack").textContent === "✓"),
    text);
}

/** Waits until a message with this text is on the page. */
export async function waitForText(page, text) {
  await page.waitForFunction(
    (t) => [...document.querySelectorAll("#messages .text")].some((span) => span.textContent === t),
    text);
}

/** Waits until a notice containing this text is on the page. */
export async function waitForNotice(page, text) {
  await page.waitForFunction(
    (t) => [...document.querySelectorAll("#messages .notice")].some((li) => li.textContent.includes(t)),
    text);
}

/** Joins a room from the page's form and waits until the page shows it. */
export async function joinRoom(page, room) {
  await page.fill("#room-name", room);
  await page.press("#room-name", "Enter");
  await page.waitForFunction((r) => document.getElementById("room").textContent === `#${r}`, room);
}

/** What the page's message list shows: each message's sender, text and kind, and each notice. */
export function messages(page) {
  return page.$$eval("#messages li", (items) => items.map((li) => li.classList.contains("notice")
    ? { notice: li.textContent }
    : { from: li.dataset.from, text: li.querySelector(".text").textContent, kind: li.className.replace("message ", "") }));
}

/** The transport the page's connection uses now. */
export function transport(page) {
  return page.textContent("#transport");
}
