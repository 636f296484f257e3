// Rooms: alice and bob chat in the lobby, carol is in #garden and must not see it. Then alice moves to #garden.
// Arguments: <base url> [query, e.g. "?transport=polling" or "-"] [screenshot path]
import { joinRoom, login, messages, report, run, send, transport, waitForNotice, waitForText } from "./lib.mjs";

await run(async ({ browser, baseUrl, args: [queryArg, screenshot] }) => {
  const query = queryArg && queryArg !== "-" ? queryArg : "";
  const alice = await login(browser, baseUrl, "alice", query);
  const bob = await login(browser, baseUrl, "bob", query);
  const carol = await login(browser, baseUrl, "carol", query);
  await joinRoom(carol, "garden");
  report("joined", { page: "carol", room: await carol.textContent("#room") });

  await send(alice, "hello from alice");
  report("acked", { page: "alice", text: "hello from alice" });
  await waitForText(bob, "hello from alice");
  report("received", { page: "bob", text: "hello from alice" });
  await send(bob, "hi alice");
  await waitForText(alice, "hi alice");
  report("received", { page: "alice", text: "hi alice" });

  // A whisper crosses rooms: it goes to a socket id, not to a room.
  await carol.click("#users li[data-nick='bob']");
  await send(carol, "come over to #garden");
  await waitForText(bob, "come over to #garden");
  report("received", { page: "bob", text: "come over to #garden" });
  await carol.click("#whisper-cancel");

  // Typing hints are volatile: one may be dropped, so alice types for a while (a hint a second) and what bob saw is
  // reported, not required here.
  const seen = bob.waitForSelector("#typing:has-text('alice is typing')", { timeout: 10_000 }).then(() => true, () => false);
  await alice.type("#text", "typing…", { delay: 250 });
  const typing = await seen;
  report("typing", { page: "bob", seen: typing });
  if (screenshot) {
    await bob.setViewportSize({ width: 1000, height: 520 });
    await bob.screenshot({ path: screenshot });
    report("screenshot", { path: screenshot });
  }

  // alice's join notice reaches carol after anything alice said in the lobby would have: carol's list is complete.
  await alice.fill("#text", "");
  await joinRoom(alice, "garden");
  await waitForNotice(carol, "alice joined #garden");
  report("messages", { page: "carol", messages: await messages(carol) });

  await send(alice, "hello garden");
  await waitForText(carol, "hello garden");
  report("received", { page: "carol", text: "hello garden" });
  await waitForNotice(bob, "alice left #lobby");
  await send(bob, "still in the lobby");
  report("messages", { page: "bob", messages: await messages(bob) });

  for (const [name, page] of [["alice", alice], ["bob", bob], ["carol", carol]]) {
    report("transport", { page: name, transport: await transport(page) });
  }
});
