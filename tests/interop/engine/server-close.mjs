// The server closes the session: the client sends "close-me", the echo server answers "bye" and then closes.
// Reports the messages and the client's `close` event with its reason.
// Usage: node server-close.mjs <server url> <polling|websocket>
import { connect, finish, parseArgs, run, transportsFor, waitFor, within } from "./lib.mjs";

run(async () => {
  const target = parseArgs();
  const transport = target.args[0] ?? "websocket";
  const { socket, closed } = connect(target, { transports: transportsFor(transport) });
  if (await waitFor(() => socket.readyState === "open", 5000, "open")) {
    socket.send("before");
    socket.send("close-me");
    await within(closed, 5000, "close by the server");
  }
  await finish(socket);
});
