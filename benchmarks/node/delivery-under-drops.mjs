// Delivery under drops: how many broadcasts reach clients whose connection keeps dropping, with socket.io-client 4.8
// (pinned in tests/interop/package.json) against a running bench server (testassets/BenchServer or
// benchmarks/node/bench-server.mjs; BENCH_RECOVERY=1 there turns connection state recovery on).
// Usage: node benchmarks/node/delivery-under-drops.mjs <serverUrl> '<options json>'
//   options: clients (20), broadcasts (2000), intervalMs (5), dropsPerClient (4), reconnectionDelay (500),
//   seed (1), and labels copied into the result (server, recovery).
// N clients connect over WebSocket and join the room "all" (again after every reconnection that was not a recovery).
// A producer client, never dropped, then asks the server for one broadcast to "all" every intervalMs (`bcast`), each
// numbered. Meanwhile every client drops its connection dropsPerClient times, at seeded random moments of the stream,
// as a lost network does from the client's side (its Engine.IO connection closed without a goodbye), and reconnects
// by itself (reconnectionDelay, the client's randomization). Before the stream, a warm-up broadcast that is not
// counted reaches every client. Once the stream is over and every client is back in
// the room, a last broadcast marks the end; each client counts the numbered broadcasts it got.
// Prints one JSON line: the options, drops done, reconnections (recovered ones apart), broadcasts delivered / expected
// (each client should get every one), duplicates and out-of-order ones, and with recovery on the reconnections that
// were not recovered (when the drop came, whether the client had an offset). Exits 1 on its own time bound.
import { createRequire } from "node:module";

const require = createRequire(new URL("../../tests/interop/package.json", import.meta.url));
const { io } = require("socket.io-client");

const [, , url, optionsText = "{}"] = process.argv;
const options = {
  clients: 20,
  broadcasts: 2000,
  intervalMs: 5,
  dropsPerClient: 4,
  reconnectionDelay: 500,
  seed: 1,
  ...JSON.parse(optionsText),
};
const streamMs = options.broadcasts * options.intervalMs;
const print = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The whole run is bounded: the stream, plus a minute for connecting, reconnecting and the end marker.
const bound = setTimeout(() => {
  print({ event: "timeout", ...options });
  process.exit(1);
}, streamMs + 60_000);

// A small seeded generator (mulberry32), so that a run's drop moments can be repeated.
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(options.seed);

// Waits (bounded) until `ready()` holds, checking every 20 ms.
async function until(ready, what, ms = 30_000) {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error("timeout waiting for " + what);
    await sleep(20);
  }
}

const clients = [];
const notRecovered = []; // the reconnections that were not recovered: when, and whether the client had an offset to send
let started = 0;
for (let k = 0; k < options.clients; k++) {
  const socket = io(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnectionDelay: options.reconnectionDelay,
    reconnectionDelayMax: options.reconnectionDelay * 2,
    timeout: 10_000,
  });
  const state = { socket, inRoom: false, seen: new Set(), last: -1, duplicates: 0, outOfOrder: 0, connects: 0, recovered: 0, drops: 0, end: false, dropAt: 0 };
  socket.on("connect", () => {
    state.connects++;
    if (state.connects > 1 && !socket.recovered) {
      notRecovered.push({ client: k, droppedAtMs: state.dropAt - started, hadOffset: state.hadOffset, reconnectedAfterMs: Date.now() - state.dropAt });
    }
    if (socket.recovered) {
      state.recovered++;
      state.inRoom = true;
    } else {
      socket.emit("join", "all", () => { state.inRoom = true; });
    }
  });
  socket.on("disconnect", () => { state.inRoom = false; });
  socket.on("msg", (payload) => {
    if (payload.warm) {
      state.warm = true;
      return;
    }
    if (payload.end) {
      state.end = true;
      return;
    }
    if (state.seen.has(payload.seq)) state.duplicates++;
    else state.seen.add(payload.seq);
    if (payload.seq < state.last) state.outOfOrder++;
    state.last = Math.max(state.last, payload.seq);
  });
  clients.push(state);
}

const producer = io(url, { transports: ["websocket"], forceNew: true, timeout: 10_000 });
await until(() => producer.connected && clients.every((c) => c.inRoom), "every client in the room");

// A warm-up broadcast first, not counted: every client then holds an offset, as one that has been connected a while
// does (a client that never got an event has none to send, and cannot be recovered), and both servers are past
// their first broadcast.
for (let i = 0; i < 20; i++) producer.emit("bcast", "all", 1, { warm: true }, () => {});
await until(() => clients.every((c) => c.warm), "the warm-up broadcast at every client");

// The drops: each client's moments, seeded, within the stream.
const timers = [];
for (const client of clients) {
  for (let d = 0; d < options.dropsPerClient; d++) {
    timers.push(setTimeout(() => {
      if (client.socket.connected) {
        client.drops++;
        client.dropAt = Date.now();
        client.hadOffset = client.socket._lastOffset !== undefined;
        client.socket.io.engine.close();
      }
    }, Math.floor(random() * streamMs)));
  }
}

// The stream, paced against the start time so that a late tick does not shift the ones after it.
started = Date.now();
for (let i = 0; i < options.broadcasts; i++) {
  producer.emit("bcast", "all", 1, { seq: i }, () => {});
  const next = started + (i + 1) * options.intervalMs;
  const wait = next - Date.now();
  if (wait > 0) await sleep(wait);
}
const streamedMs = Date.now() - started;
timers.forEach(clearTimeout);

// Every client back in the room, then the end marker: what was sent before it has arrived once it is in.
await until(() => clients.every((c) => c.inRoom), "every client back in the room");
producer.emit("bcast", "all", 1, { end: true }, () => {});
await until(() => clients.every((c) => c.end), "the end marker at every client", 15_000);

const delivered = clients.reduce((sum, c) => sum + c.seen.size, 0);
const expected = options.clients * options.broadcasts;
print({
  event: "result",
  ...options,
  streamedMs,
  drops: clients.reduce((sum, c) => sum + c.drops, 0),
  reconnects: clients.reduce((sum, c) => sum + c.connects - 1, 0),
  recovered: clients.reduce((sum, c) => sum + c.recovered, 0),
  delivered,
  expected,
  share: delivered / expected,
  duplicates: clients.reduce((sum, c) => sum + c.duplicates, 0),
  outOfOrder: clients.reduce((sum, c) => sum + c.outOfOrder, 0),
  notRecovered: options.recovery ? notRecovered : undefined,
});

clearTimeout(bound);
for (const client of clients) client.socket.disconnect();
producer.disconnect();
process.exit(0);
