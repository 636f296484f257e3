// Text and binary both ways: every message below is sent in this order and should come back unchanged, text as
// text and binary as binary, in the same order.
// Usage: node text-binary.mjs <server url> <polling|websocket|upgrade>
import { connect, describeMessage, finish, parseArgs, report, run, transportsFor, waitFor } from "./lib.mjs";

const every256 = Uint8Array.from({ length: 256 }, (_, i) => i);

/** What is sent, in order, each value as socket.send takes it. */
const MESSAGES = [
  { value: "hello" },
  { value: "" },
  { value: "h\u00e9llo \u20ac \ud83d\ude00 \u4e2d\u6587" },
  { value: "line1\nline2\t\"quoted\" \\" },
  { value: Uint8Array.from([1, 2, 3, 4]) },
  { value: Buffer.from(every256) },
  { value: new Uint8Array(every256.buffer, 10, 5) },
  { value: every256.buffer.slice(250) },
  { value: "after binary" },
];

run(async () => {
  const target = parseArgs();
  const transport = target.args[0] ?? "polling";
  const { socket } = connect(target, { transports: transportsFor(transport) });
  let received = 0;
  socket.on("message", () => received++);

  if (await waitFor(() => socket.readyState === "open", 5000, "open")) {
    for (const { value } of MESSAGES) {
      report("sent", describeMessage(value));
      socket.send(value);
    }
    await waitFor(() => received >= MESSAGES.length, 5000, "all echoes");
  }
  await finish(socket);
});
