// The official Socket.IO Admin UI (@socket.io/admin-ui 0.5.1, served by the chat sample at /admin-ui/) against the
// chat: a wrong password is refused; the right one logs in, the Sockets page lists alice's and bob's sockets, the Rooms
// page their rooms, and the Sockets page's disconnect button on bob's row disconnects his chat page ("io server
// disconnect") while alice's user list loses him. Arguments: <base url> <user name> <password> <admin namespace> [screenshot]
import { joinRoom, login, report, run, waitForNotice, WAIT_MS } from "./lib.mjs";

await run(async ({ browser, baseUrl, args: [username, password, namespace, screenshot] }) => {
  const alice = await login(browser, baseUrl, "alice");
  const bob = await login(browser, baseUrl, "bob");
  await joinRoom(bob, "games");
  const ids = { alice: await alice.evaluate(() => socket.id), bob: await bob.evaluate(() => socket.id) };
  report("chat", ids);

  // A wide viewport, so the UI shows its navigation drawer; its web fonts and icons come from CDNs this machine
  // cannot reach, so those requests fail at once instead of waiting.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  context.setDefaultTimeout(WAIT_MS);
  await context.route((url) => url.origin !== new URL(baseUrl).origin, (route) => route.abort());
  const ui = await context.newPage();
  ui.on("pageerror", (error) => report("pageerror", { page: "admin-ui", message: error.message }));
  await ui.goto(`${baseUrl}/admin-ui/`, { timeout: WAIT_MS });

  const dialog = ui.locator(".v-dialog--active");
  await dialog.getByLabel("Server URL").fill(baseUrl);
  await dialog.getByLabel("Username").fill(username);
  await dialog.getByLabel("Password").fill("not-the-password");
  await dialog.getByText("Advanced options").click();
  await dialog.getByLabel("Admin namespace").fill(namespace);
  await dialog.getByRole("button", { name: "Connect" }).click();
  await dialog.locator(".red--text").waitFor();
  report("refused", { error: (await dialog.locator(".red--text").textContent()).trim() });

  await dialog.getByLabel("Password").fill(password);
  await dialog.getByRole("button", { name: "Connect" }).click();
  await dialog.waitFor({ state: "detached" });
  report("connected");

  // The Sockets and Rooms pages' table: the one in the card with the namespace selector (the dashboard's cards have none).
  const rows = () => ui.locator(".v-card:has(.v-select) tbody tr");
  const rowOf = (text) => rows().filter({ hasText: text });
  const firstCells = () => rows().evaluateAll((items) => items.map((row) => row.querySelector("td")?.textContent.trim()));
  await ui.locator("nav").getByText("Sockets", { exact: true }).click();
  await rowOf(ids.alice).waitFor();
  await rowOf(ids.bob).waitFor();
  report("sockets", { ids: await firstCells() });

  await ui.locator("nav").getByText("Rooms", { exact: true }).click();
  await rowOf("games").waitFor();
  await rowOf("lobby").waitFor();
  report("rooms", { names: await firstCells() });

  await ui.locator("nav").getByText("Sockets", { exact: true }).click();
  await rowOf(ids.bob).locator("button").click();
  await bob.waitForSelector("#status.offline");
  await waitForNotice(bob, "Disconnected:");
  report("disconnected", { status: await bob.textContent("#status"), notices: await bob.$$eval("#messages .notice", (items) => items.map((li) => li.textContent)) });
  await alice.waitForFunction(() => !document.querySelector("#users li[data-nick='bob']"));
  report("users", { page: "alice", nicks: await alice.$$eval("#users li", (items) => items.map((li) => li.dataset.nick)) });

  // The click also reached bob's row, which opens his socket's page (the UI does that): it shows him disconnected.
  await ui.getByText("Socket details").first().waitFor();
  report("details", { shown: await ui.locator("main").getByText(ids.bob).count() > 0, data: (await ui.locator("main pre").first().textContent()).replace(/\s+/g, "") });
  await ui.locator("nav").getByText("Sockets", { exact: true }).click();
  await ui.getByText("Socket details").first().waitFor({ state: "detached" });
  await rowOf(ids.alice).waitFor();
  await rowOf(ids.bob).waitFor({ state: "detached" });
  report("sockets", { ids: await firstCells() });
  if (screenshot && screenshot !== "-") {
    await ui.screenshot({ path: screenshot });
  }
});
