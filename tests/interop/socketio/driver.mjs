// Drives the real socket.io-client through a plan of steps given as JSON, and prints one JSON line per
// observation. Usage: node socketio/driver.mjs <serverUrl> '<plan json>'
//
// Each step: { op, client, ... }. Clients are named ("a", "b"…) so one plan can hold several.
//   connect     { nsp, auth, query, transports, extraHeaders, multiplex, parser, timeout } -> {op:"connect", ok, sid|message,data}
//               (parser: "msgpack" for socket.io-msgpack-parser; the default parser otherwise)
//   emit        { event, args }                       (args, and a connect's auth, may hold {"$bin":"<base64>"} for binary)
//   emitWithAck { event, args, timeout }              -> {op:"ack", args} or {op:"ack", error}
//   replyAck    { event, reply }                      answer the server's emit-with-ack of `event` with `reply`
//   wait        { event, count, timeout }             -> {op:"wait", event, received:[args…]} (all so far)
//   ignore      { event }                             receive `event`, never acknowledge it
//   disconnect  {}                                    client-side socket.disconnect()
//   closeEngine {}                                    close the underlying Engine.IO connection
//   waitDisconnect { timeout }                        -> {op:"disconnect", reason}
//   sleepUntilIdle is deliberately absent: every wait is for an event, bounded by `timeout` (default 5000 ms).
// Every received event is also printed as {op:"event", client, event, args}.
import { createRequire } from "node:module";
import { io } from "socket.io-client";

const require = createRequire(import.meta.url);
const parsers = { msgpack: () => require("socket.io-msgpack-parser") };

const [, , url, planText] = process.argv;
const plan = JSON.parse(planText);
const clients = new Map();
const print = (o) => process.stdout.write(JSON.stringify(o) + "\n");

const decode = (v) => {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === "object") {
    if (typeof v.$bin === "string") return Buffer.from(v.$bin, "base64");
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  }
  return v;
};
const encode = (v) => {
  if (v instanceof ArrayBuffer) return { $bin: Buffer.from(v).toString("base64") };
  if (ArrayBuffer.isView(v)) return { $bin: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
};

function waitFor(check, timeout, what) {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => { clearInterval(poll); reject(new Error("timeout waiting for " + what)); }, timeout);
    const poll = setInterval(() => { if (check()) { clearTimeout(timer); clearInterval(poll); resolve(); } }, 5);
  });
}

function state(name) {
  if (!clients.has(name)) throw new Error("unknown client " + name);
  return clients.get(name);
}

async function run(step) {
  const timeout = step.timeout ?? 5000;
  const name = step.client ?? "a";
  switch (step.op) {
    case "connect": {
      const socket = io(url + (step.nsp ?? "/").replace(/^\//, ""), {
        auth: decode(step.auth), query: step.query, transports: step.transports ?? ["websocket"],
        extraHeaders: step.extraHeaders, forceNew: !step.multiplex, reconnection: false, timeout,
        parser: step.parser ? parsers[step.parser]() : undefined,
      });
      const s = { socket, events: new Map(), disconnect: null };
      clients.set(name, s);
      socket.onAny((event, ...args) => {
        const last = args.length > 0 && typeof args[args.length - 1] === "function" ? args.pop() : null;
        if (last && s.replies?.has(event)) last(...decode(s.replies.get(event)));
        if (!s.events.has(event)) s.events.set(event, []);
        s.events.get(event).push(encode(args));
        print({ op: "event", client: name, event, args: encode(args) });
      });
      socket.on("disconnect", (reason) => { s.disconnect = reason; print({ op: "disconnected", client: name, reason }); });
      const result = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ ok: false, message: "connect timeout" }), timeout);
        socket.once("connect", () => { clearTimeout(timer); resolve({ ok: true, sid: socket.id }); });
        socket.once("connect_error", (err) => { clearTimeout(timer); resolve({ ok: false, message: err.message, data: err.data ?? null }); });
      });
      print({ op: "connect", client: name, ...result });
      break;
    }
    case "emit":
      state(name).socket.emit(step.event, ...decode(step.args ?? []));
      break;
    case "emitWithAck": {
      try {
        const args = await state(name).socket.timeout(timeout).emitWithAck(step.event, ...decode(step.args ?? []));
        print({ op: "ack", client: name, event: step.event, args: encode([args]) });
      } catch (e) {
        print({ op: "ack", client: name, event: step.event, error: e.message });
      }
      break;
    }
    case "replyAck": {
      const s = state(name);
      s.replies ??= new Map();
      s.replies.set(step.event, step.reply ?? []);
      break;
    }
    case "wait": {
      const s = state(name);
      const count = step.count ?? 1;
      try {
        await waitFor(() => (s.events.get(step.event)?.length ?? 0) >= count, timeout, step.event);
        print({ op: "wait", client: name, event: step.event, received: s.events.get(step.event) });
      } catch (e) {
        print({ op: "wait", client: name, event: step.event, error: e.message, received: s.events.get(step.event) ?? [] });
      }
      break;
    }
    case "ignore":
      // Received events are recorded by onAny; an unanswered acknowledgement needs nothing more.
      break;
    case "disconnect":
      state(name).socket.disconnect();
      break;
    case "closeEngine":
      // Drops the whole connection without a Socket.IO DISCONNECT, as a lost network would.
      state(name).socket.io.engine.close();
      break;
    case "waitDisconnect": {
      const s = state(name);
      try {
        await waitFor(() => s.disconnect !== null, timeout, "disconnect");
        print({ op: "disconnect", client: name, reason: s.disconnect });
      } catch (e) {
        print({ op: "disconnect", client: name, error: e.message });
      }
      break;
    }
    default:
      throw new Error("unknown op " + step.op);
  }
}

try {
  for (const step of plan) await run(step);
} finally {
  for (const { socket } of clients.values()) socket.disconnect();
}
print({ op: "done" });
process.exit(0);
