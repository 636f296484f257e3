// Polling then upgrade to WebSocket, with 50 numbered messages sent across it: 10 before the session is open,
// 10 on open (polling), 10 once the probe succeeded (`upgrading`), 10 right after `upgrade`, 10 a moment later.
// Every fifth message is binary (one byte: its number), the others text `msg-<n>`. Each echo should arrive once,
// in order. The client closes after all echoes (or the timeout) and a short wait for late duplicates.
// Usage: node upgrade.mjs <server url>
import { connect, delay, finish, parseArgs, report, run, waitFor } from "./lib.mjs";

const TOTAL = 50;

run(async () => {
  const target = parseArgs();
  const { socket } = connect(target, { transports: ["polling", "websocket"], upgrade: true });
  let next = 1;
  let received = 0;
  let upgraded = false;
  socket.on("message", () => received++);

  const sendBatch = (phase) => {
    const first = next;
    for (let i = 0; i < 10 && next <= TOTAL; i++, next++) {
      socket.send(next % 5 === 0 ? Uint8Array.of(next) : `msg-${next}`);
    }
    report("sent", { phase, first, last: next - 1, transport: socket.transport ? socket.transport.name : null });
  };

  sendBatch("before-open");
  socket.on("open", () => sendBatch("open"));
  socket.on("upgrading", () => sendBatch("upgrading"));
  socket.on("upgrade", () => {
    upgraded = true;
    sendBatch("upgrade");
    setTimeout(() => sendBatch("after-upgrade"), 50);
  });

  await waitFor(() => upgraded, 5000, "upgrade");
  await waitFor(() => received >= TOTAL, 5000, "all echoes");
  await delay(300); // a duplicate would show up here
  report("summary", { sent: next - 1, received, transport: socket.transport ? socket.transport.name : null });
  await finish(socket);
});
