// Shared by the Redis wire-format scripts: stdin/stdout as JSON, Node values rendered so that binary, sets and
// dates stay recognizable, and fakes of what the real adapters need around them (no Redis server: these scripts
// only check what the packages put on the wire and how they read what we put there).
import { createRequire } from "node:module";

export const require = createRequire(import.meta.url);

/** Reads all of stdin as one JSON value. */
export async function readInput() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/** Prints the result as one JSON line and ends the process (adapters leave timers behind). */
export function finish(result) {
  process.stdout.write(JSON.stringify(result) + "\n", () => process.exit(0));
}

/** A Node value as JSON: Buffers and ArrayBuffers as {$bin: base64}, Sets as sorted arrays, Dates as {$date}. */
export function render(value) {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return { $bin: Buffer.from(value.buffer ?? value, value.byteOffset ?? 0, value.byteLength).toString("base64") };
  if (value instanceof Set) return [...value].map(render).sort();
  if (value instanceof Date) return { $date: isNaN(value) ? null : value.toISOString() };
  if (Array.isArray(value)) return value.map(render);
  if (typeof value === "function") return "$fn";
  if (value === undefined) return { $undefined: true };
  if (value && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value)) out[key] = render(value[key]);
    return out;
  }
  return value;
}

/** Rebuilds a Node value from JSON with {"_placeholder":true,"num":n} standing for attachments (base64). */
export function withBuffers(value, attachments) {
  if (Array.isArray(value)) return value.map((v) => withBuffers(v, attachments));
  if (value && typeof value === "object") {
    if (value._placeholder === true) return Buffer.from(attachments[value.num], "base64");
    const out = {};
    for (const key of Object.keys(value)) out[key] = withBuffers(value[key], attachments);
    return out;
  }
  return value;
}

/** A node-redis 4 shaped client that records what is published and answers PUBSUB NUMSUB with `numSub`. */
export function recordingClient(published, numSub = 2) {
  const record = async (channel, message) => {
    published.push({ channel, hex: Buffer.from(message).toString("hex") });
    return 1;
  };
  return {
    pSubscribe: async () => {},
    subscribe: async () => {},
    sSubscribe: async () => {},
    pUnsubscribe: async () => {},
    unsubscribe: async () => {},
    sUnsubscribe: async () => {},
    publish: record,
    sPublish: record,
    sendCommand: async (args) => [args[2], String(numSub)],
    on() {},
    off() {},
    listenerCount() {
      return 1;
    },
  };
}

/** A socket as the in-memory adapter's fetchSockets returns it. */
export const fakeSocket = {
  id: "n4bzGXmNrL7YdgJgAAAC",
  handshake: {
    headers: { host: "127.0.0.1:3000" },
    time: "Sat Nov 21 2026 19:51:19 GMT+0000 (Coordinated Universal Time)",
    address: "127.0.0.1",
    xdomain: false,
    secure: false,
    issued: 1795290679969,
    url: "/socket.io/?EIO=4&transport=websocket",
    query: { EIO: "4", transport: "websocket" },
    auth: { token: "t" },
    sessionStore: { left: "out" },
  },
  rooms: new Set(["n4bzGXmNrL7YdgJgAAAC", "room1"]),
  data: { user: "bob", avatar: Buffer.from([1, 2]) },
};

/** What a Socket.IO namespace offers an adapter; server-side listeners answer "pong" when asked. */
export function fakeNamespace(calls, name = "/") {
  const { Encoder } = require("socket.io-parser");
  return {
    name,
    server: { encoder: new Encoder(), opts: {} },
    sockets: new Map(),
    _onServerSideEmit(args) {
      calls.push({ method: "serverSideEmit", args: render(args) });
      const last = args[args.length - 1];
      if (typeof last === "function") last("pong");
    },
  };
}

/**
 * Replaces the in-memory adapter's local operations (what a remote message makes a node do) with recorders; an
 * acknowledged broadcast reaches one client, which answers {ok: 7}.
 */
export function recordLocalOperations(calls) {
  const { Adapter } = require("socket.io-adapter");
  Adapter.prototype.broadcast = function (packet, opts) {
    calls.push({ method: "broadcast", packet: render(packet), opts: render(opts) });
  };
  Adapter.prototype.broadcastWithAck = function (packet, opts, clientCountCallback, ack) {
    calls.push({ method: "broadcastWithAck", packet: render(packet), opts: render(opts) });
    clientCountCallback(1);
    ack({ ok: 7 });
  };
  Adapter.prototype.addSockets = function (opts, rooms) {
    calls.push({ method: "addSockets", opts: render(opts), rooms: render(rooms) });
  };
  Adapter.prototype.delSockets = function (opts, rooms) {
    calls.push({ method: "delSockets", opts: render(opts), rooms: render(rooms) });
  };
  Adapter.prototype.disconnectSockets = function (opts, close) {
    calls.push({ method: "disconnectSockets", opts: render(opts), close: render(close) });
  };
  Adapter.prototype.fetchSockets = async function (opts) {
    calls.push({ method: "fetchSockets", opts: render(opts) });
    return [fakeSocket];
  };
}

/** Lets pending promise callbacks and immediate tasks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
