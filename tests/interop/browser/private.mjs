// A private message: alice whispers to bob by socket id (clicking him in the list); carol, in the same room, must
// not get it. Arguments: <base url>
import { login, messages, report, run, send, waitForText } from "./lib.mjs";

await run(async ({ browser, baseUrl }) => {
  const alice = await login(browser, baseUrl, "alice");
  const bob = await login(browser, baseUrl, "bob");
  const carol = await login(browser, baseUrl, "carol");
  await alice.waitForSelector("#users li[data-nick='carol']");

  await alice.click("#users li[data-nick='bob']");
  report("whispering", { page: "alice", to: await alice.textContent("#whisper-nick") });
  await send(alice, "psst bob");
  report("acked", { page: "alice", text: "psst bob" });
  await waitForText(bob, "psst bob");
  report("messages", { page: "bob", messages: await messages(bob) });

  // Back to the room: carol gets this after anything alice sent before, so her list is complete.
  await alice.click("#whisper-cancel");
  await send(alice, "hello everyone");
  await waitForText(carol, "hello everyone");
  report("messages", { page: "carol", messages: await messages(carol) });
});
