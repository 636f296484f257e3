// Connection state recovery attempts with hand-made credentials, each on a fresh socket.io-client (no automatic
// reconnection): what a client that tampers with its private id or offset, or borrows another's, gets.
// Usage: node socketio/recovery-probe.mjs <serverUrl> '<plan json>'
//   plan: { victim: { nsp, wait = "hello" }, attempts: [{ nsp, auth }] }
// First the victim connects to its namespace, waits for the event `wait` (so it holds an offset), prints
// {event:"victim", id, pid, offset} and closes its Engine.IO connection (a dropped network), then waits for the
// `disconnect`. Then each attempt connects with its auth, in which the strings "$pid" and "$offset" stand for the
// victim's, "$offset~" for the victim's offset with its last character changed; it prints
// {event:"attempt", index, ok, id | message, received: [[name, …args]…]} with every event that arrived up to the
// server's greeting `hello`, sent after the CONNECT reply (recovered events come before that reply), then disconnects.
// Ends with {event:"done"}.
import { io } from "socket.io-client";

const [, , url, planText] = process.argv;
const plan = JSON.parse(planText);
const print = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const bound = setTimeout(() => { print({ event: "timeout" }); process.exit(0); }, 30000);

const connect = (nsp, auth) => io(url + (nsp ?? "/").replace(/^\//, ""), {
  transports: ["websocket"], forceNew: true, reconnection: false, timeout: 5000, auth,
});

function until(socket, event, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout waiting for " + what)), 5000);
    socket.once(event, (...args) => { clearTimeout(timer); resolve(args); });
  });
}

const victim = connect(plan.victim.nsp);
await until(victim, plan.victim.wait ?? "hello", "the victim's first event");
const secrets = { pid: victim._pid, offset: victim._lastOffset };
print({ event: "victim", id: victim.id, ...secrets });
const gone = until(victim, "disconnect", "the victim's disconnect");
victim.io.engine.close();
await gone;

const substitute = (v) => {
  if (v === "$pid") return secrets.pid;
  if (v === "$offset") return secrets.offset;
  if (v === "$offset~") return secrets.offset.slice(0, -1) + (secrets.offset.endsWith("A") ? "B" : "A");
  if (Array.isArray(v)) return v.map(substitute);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x)]));
  return v;
};

for (const [index, attempt] of plan.attempts.entries()) {
  const socket = connect(attempt.nsp, substitute(attempt.auth));
  const received = [];
  socket.onAny((name, ...args) => received.push([name, ...args]));
  const outcome = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, message: "connect timeout" }), 5000);
    socket.once("connect", () => { clearTimeout(timer); resolve({ ok: true, id: socket.id }); });
    socket.once("connect_error", (err) => { clearTimeout(timer); resolve({ ok: false, message: err.message }); });
  });
  // The server greets every socket after its CONNECT reply: once the greeting is in, whatever was recovered is too.
  if (outcome.ok && !received.some(([name]) => name === "hello")) {
    await until(socket, "hello", "the greeting").catch(() => print({ event: "timeout", index }));
  }
  print({ event: "attempt", index, ...outcome, received: [...received] });
  socket.disconnect();
}

clearTimeout(bound);
print({ event: "done" });
process.exit(0);
