// One transport only (`polling` or `websocket`, no upgrade): open, echo a text and a binary message, answer two
// server pings, then close from the client.
// Usage: node single-transport.mjs <server url> <polling|websocket>
import { connect, finish, parseArgs, run, transportsFor, waitFor } from "./lib.mjs";

run(async () => {
  const target = parseArgs();
  const transport = target.args[0] ?? "polling";
  const { socket } = connect(target, { transports: transportsFor(transport) });

  let messages = 0;
  let pings = 0;
  socket.on("message", () => messages++);
  socket.on("ping", () => pings++);

  if (await waitFor(() => socket.readyState === "open", 5000, "open")) {
    socket.send("hello");
    socket.send(Buffer.from([1, 2, 3]));
    await waitFor(() => messages >= 2, 5000, "two echoes");
    await waitFor(() => pings >= 2, 5000, "two pings");
  }
  await finish(socket);
});
