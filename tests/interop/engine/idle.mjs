// Connects, reports everything it receives, and waits (10 s at most) for the server to close the session. Lets a
// test act on the server side once it has seen `open`.
// Usage: node idle.mjs <server url> <polling|websocket|upgrade>
import { connect, finish, parseArgs, run, transportsFor, within } from "./lib.mjs";

run(async () => {
  const target = parseArgs();
  const transport = target.args[0] ?? "websocket";
  const { socket, closed } = connect(target, { transports: transportsFor(transport) });
  await within(closed, 10000, "close by the server");
  await finish(socket);
});
