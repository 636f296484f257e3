// The soak run's load (see benchmarks/soak.sh): against BenchServer with BENCH_DIAGNOSTICS=soak, a warm-up phase and a
// long phase of the same mixed load, each followed by a quiet point where every client is gone and the server's
// /stats is read. The load: steady clients in ten rooms broadcasting and echoing, a churn of short-lived clients
// (WebSocket and polling) that join rooms, get asked questions and leave (some before answering), and a few raw
// WebSocket clients that join a room and then stop reading. Prints one JSON line and exits 1 if anything was left
// behind or the live heap grew more than 10% from the first quiet point to the second.
// Usage: node soak.mjs http://127.0.0.1:7461   (WARMUP and DURATION in seconds from the environment)
import { createRequire } from "node:module";

const require = createRequire(new URL("../../tests/interop/package.json", import.meta.url));
const { io } = require("socket.io-client");
const WebSocket = require("ws");

const url = process.argv[2];
const warmupSeconds = Number(process.env.WARMUP ?? 120);
const durationSeconds = Number(process.env.DURATION ?? 600);
const steadyCount = Number(process.env.STEADY ?? 100);
const maxChurning = 100;
const rooms = Array.from({ length: 10 }, (_, i) => `r${i}`);
const payload = { pad: "x".repeat(200) };

const counts = { connections: 0, broadcasts: 0, delivered: 0, echoes: 0, questions: 0, answered: 0, ignored: 0, stalled: 0, stalledClosedByServer: 0, errors: 0 };
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function connect(transports) {
  counts.connections++;
  const socket = io(url, { transports, reconnection: false, forceNew: true, timeout: 10000 });
  socket.on("msg", () => counts.delivered++);
  socket.on("connect_error", () => counts.errors++);
  // One question in five goes unanswered: the server's wait ends with its timeout.
  socket.on("question", (n, ack) => {
    counts.questions++;
    if (n % 5 === 0) {
      counts.ignored++;
      return;
    }
    counts.answered++;
    ack(n);
  });
  return socket;
}

const connected = (socket) => new Promise((resolve, reject) => {
  socket.once("connect", resolve);
  socket.once("connect_error", reject);
});

// One phase of load for `seconds`; returns once every client it opened is gone.
async function runPhase(seconds) {
  const steady = [];
  for (let i = 0; i < steadyCount; i++) {
    const socket = connect(i % 5 === 0 ? ["polling"] : ["polling", "websocket"]);
    steady.push(socket);
    await connected(socket);
    await socket.timeout(10000).emitWithAck("join", rooms[i % rooms.length]);
  }

  const churning = new Set();
  const stalled = new Set();
  const timers = [];
  const every = (ms, fn) => timers.push(setInterval(() => fn().catch(() => counts.errors++), ms));
  let question = 0;

  every(20, async () => {
    counts.broadcasts++;
    await pick(steady).timeout(10000).emitWithAck("bcast", pick(rooms), 1, payload);
  });
  every(100, async () => {
    const socket = pick(steady);
    socket.emit("ask", question++);
    await socket.timeout(10000).emitWithAck("echo", payload);
    counts.echoes++;
  });
  every(50, async () => {
    if (churning.size >= maxChurning) return;
    const socket = connect(Math.random() < 0.3 ? ["polling"] : ["websocket"]);
    churning.add(socket);
    try {
      await connected(socket);
      await socket.timeout(10000).emitWithAck("join", pick(rooms));
      await socket.timeout(10000).emitWithAck("join", `u${counts.connections}`);
      socket.emit("ask", question++);
      // Half leave at once, so the server's wait for their answer ends with the disconnect.
      if (Math.random() < 0.5) await delay(200 + Math.random() * 1800);
    } finally {
      socket.disconnect();
      churning.delete(socket);
    }
  });
  every(20000, async () => {
    for (let i = 0; i < 2; i++) {
      const ws = new WebSocket(`${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`);
      counts.stalled++;
      stalled.add(ws);
      ws.on("error", () => {});
      ws.on("close", () => {
        if (stalled.delete(ws)) counts.stalledClosedByServer++;
      });
      ws.once("message", () => {
        ws.send("40");
        ws.send(`421["join","${pick(rooms)}"]`);
        // Stops reading: the server's frames pile up until it gives up on this client.
        ws._socket.pause();
      });
    }
  });

  await delay(seconds * 1000);
  timers.forEach(clearInterval);
  for (const ws of stalled) {
    stalled.delete(ws);
    ws.terminate();
  }
  // The churn finishes what it started (each step is bounded by its own timeout).
  for (let i = 0; i < 300 && churning.size > 0; i++) await delay(100);
  for (const socket of [...steady, ...churning]) socket.disconnect();
}

async function stats() {
  const response = await fetch(`${url}/stats`, { signal: AbortSignal.timeout(30000) });
  return response.json();
}

// Waits (at most 60 s) until the server holds nothing: no socket, no room, no awaited acknowledgement.
async function quietPoint() {
  let last;
  for (let i = 0; i < 60; i++) {
    last = await stats();
    if (last.sockets === 0 && last.rooms === 0 && last.asksPending === 0) return last;
    await delay(1000);
  }
  return last;
}

const started = Date.now();
await runPhase(warmupSeconds);
const afterWarmup = await quietPoint();
await runPhase(durationSeconds);
const atEnd = await quietPoint();

const heapGrowth = atEnd.heapBytes / afterWarmup.heapBytes - 1;
const leftBehind = atEnd.sockets + atEnd.rooms + atEnd.asksPending;
const ok = leftBehind === 0 && heapGrowth <= 0.1;
console.log(JSON.stringify({ ok, seconds: Math.round((Date.now() - started) / 1000), warmupSeconds, durationSeconds, heapGrowth: Number(heapGrowth.toFixed(4)), afterWarmup, atEnd, counts }));
process.exit(ok ? 0 : 1);
