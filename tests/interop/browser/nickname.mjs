// Nicknames the server's middleware refuses: malformed, and taken (case aside). The page shows the middleware's
// text from connect_error, then the same page joins with a good name. Last, alice (on long-polling) reloads her page
// and gets her nickname back at once. Arguments: <base url>
import { login, openPage, report, run } from "./lib.mjs";

await run(async ({ browser, baseUrl }) => {
  const alice = await login(browser, baseUrl, "alice", "?transport=polling");
  const page = await openPage(browser, `${baseUrl}/`, "newcomer");
  for (const nick of ["bad nick!", "ALICE", "alice2"]) {
    await page.fill("#nick", nick);
    await page.click("#login button");
    const outcome = await Promise.race([
      page.waitForSelector("#status.online").then(() => "connected"),
      page.waitForFunction(() => document.getElementById("login-error").textContent !== "").then(() => "refused"),
    ]);
    report("login", { nick, outcome, error: await page.textContent("#login-error"), chatVisible: await page.isVisible("#chat") });
  }

  await alice.reload();
  await alice.fill("#nick", "alice");
  await alice.click("#login button");
  await alice.waitForSelector("#status.online");
  report("reloaded", { page: "alice", status: await alice.textContent("#status") });
});
