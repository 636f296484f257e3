// The admin page: a wrong token is refused; the right one lists the users, and kicking bob disconnects his page with
// the reason "io server disconnect" while alice is told he left. Arguments: <base url> <admin token>
import { login, openPage, report, run, waitForNotice } from "./lib.mjs";

await run(async ({ browser, baseUrl, args: [token] }) => {
  const alice = await login(browser, baseUrl, "alice");
  const bob = await login(browser, baseUrl, "bob");

  const admin = await openPage(browser, `${baseUrl}/admin.html`, "admin");
  await admin.fill("#token", "not-the-token");
  await admin.click("#login button");
  await admin.waitForFunction(() => document.getElementById("login-error").textContent !== "");
  report("refused", { error: await admin.textContent("#login-error") });

  await admin.fill("#token", token);
  await admin.click("#login button");
  await admin.waitForSelector("#users tr[data-nick='alice']");
  await admin.waitForSelector("#users tr[data-nick='bob']");
  const listed = () => admin.$$eval("#users tr", (rows) => rows.map((row) => ({ nick: row.dataset.nick, id: row.dataset.id })));
  report("listed", { users: await listed() });

  await admin.click("#users tr[data-nick='bob'] button.kick");
  await bob.waitForSelector("#status.offline");
  await waitForNotice(bob, "Disconnected:");
  report("kicked", { status: await bob.textContent("#status"), notices: await bob.$$eval("#messages .notice", (items) => items.map((li) => li.textContent)) });
  await waitForNotice(alice, "bob has left");
  report("notified", { page: "alice" });
  await admin.waitForFunction(() => !document.querySelector("#users tr[data-nick='bob']"));
  report("listed", { users: await listed() });
});
