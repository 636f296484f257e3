// The server restarts: alice and bob, in #garden, see the connection drop, reconnect by themselves (back in #garden,
// since the page's auth function sends the room) and chat again. Prints "ready" when the test may stop the server.
// Arguments: <base url>
import { WAIT_MS, joinRoom, login, report, run, send, waitForText } from "./lib.mjs";

await run(async ({ browser, baseUrl }) => {
  const alice = await login(browser, baseUrl, "alice");
  const bob = await login(browser, baseUrl, "bob");
  await joinRoom(alice, "garden");
  await joinRoom(bob, "garden");
  await send(alice, "before the restart");
  await waitForText(bob, "before the restart");
  report("ready");

  // The test stops the server now and starts it again on the same port.
  for (const page of [alice, bob]) {
    await page.waitForSelector("#status.offline", { timeout: 2 * WAIT_MS });
  }
  report("disconnected", { status: await alice.textContent("#status") });
  for (const page of [alice, bob]) {
    await page.waitForSelector("#status.online", { timeout: 3 * WAIT_MS });
  }
  report("reconnected", { rooms: [await alice.textContent("#room"), await bob.textContent("#room")] });
  await bob.waitForSelector("#users li[data-nick='alice']");
  await send(alice, "after the restart");
  await waitForText(bob, "after the restart");
  report("received", { page: "bob", text: "after the restart" });
});
