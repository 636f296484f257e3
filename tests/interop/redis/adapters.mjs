// The real @socket.io/redis-adapter 8.3 (classic and sharded) and @socket.io/redis-emitter 5.1 as the reference for
// the C# Redis wire format, with recording fakes in place of Redis and of the namespace (no server needed).
// stdin:  {"consume":[{"name","target":"classic"|"sharded","setup"?,"payloads":[{"channel","base64"}]}]}
// stdout: {"produced":{name:[{"channel","hex"}]}, "consumed":{name:{"calls":[…],"published":[…],"result"?}}}
//   produced: what the packages publish for a fixed list of operations (fixed uids and request ids);
//   consumed: what a Node adapter does with each of our payloads: the local operations it calls (recorded), what
//             it publishes in answer, and for a setup request of its own, what that request resolves to.
import { fakeNamespace, finish, readInput, recordingClient, recordLocalOperations, render, require, settle } from "./lib.mjs";

// Fixed ids: uid2 (classic uids and request ids) and crypto.randomBytes (ClusterAdapter uids and request ids).
const adapterRequire = require("node:module").createRequire(require.resolve("@socket.io/redis-adapter"));
const uid2Path = adapterRequire.resolve("uid2");
const shortIds = [];
require.cache[uid2Path] = { id: uid2Path, filename: uid2Path, loaded: true, children: [], exports: () => shortIds.shift() ?? "ZZZZZZ" };
const crypto = require("node:crypto");
const hexIds = [];
const randomBytes = crypto.randomBytes;
crypto.randomBytes = (size, ...rest) => (size === 8 && hexIds.length > 0 ? Buffer.from(hexIds.shift(), "hex") : randomBytes(size, ...rest));

let calls = [];
recordLocalOperations({ push: (call) => calls.push(call) });
const { createAdapter, createShardedAdapter } = require("@socket.io/redis-adapter");
const { Emitter } = require("@socket.io/redis-emitter");
const notepack = require("notepack.io");

const all = () => ({ rooms: new Set(), except: new Set(), flags: {} });
const opts = (rooms, except = [], flags = {}) => ({ rooms: new Set(rooms), except: new Set(except), flags });

function classic(published, uid = "ABCDEF") {
  shortIds.push(uid);
  const client = recordingClient(published);
  return createAdapter(client, client)(fakeNamespace(calls));
}

function sharded(published, uid = "9a68ad3c92856e71") {
  hexIds.push(uid);
  const client = recordingClient(published);
  return createShardedAdapter(client, client, { subscriptionMode: "dynamic" })(fakeNamespace(calls));
}

const scenarios = {
  "classic.broadcast.room": async (p) => classic(p).broadcast({ type: 2, data: ["hello", "world"] }, opts(["room1"])),
  "classic.broadcast.binary": async (p) =>
    classic(p).broadcast({ type: 2, data: ["bin", Buffer.from([1, 2, 3]), { x: [1.5, Buffer.alloc(0)] }, -7, null, true] }, opts([], ["r3"], { volatile: true, compress: false })),
  "classic.broadcastWithAck": async (p) => {
    const adapter = classic(p);
    shortIds.push("XYZ123");
    adapter.broadcastWithAck({ type: 2, data: ["ackme", 7] }, opts([], [], { timeout: 2000 }), () => {}, () => {});
  },
  "classic.allRooms": async (p) => {
    const adapter = classic(p);
    shortIds.push("REQ001");
    adapter.allRooms().catch(() => {});
  },
  "classic.fetchSockets": async (p) => {
    const adapter = classic(p);
    shortIds.push("REQ002");
    adapter.fetchSockets(opts(["r"], ["x"])).catch(() => {});
  },
  "classic.addSockets": async (p) => classic(p).addSockets(opts(["room1"]), ["room9"]),
  "classic.delSockets": async (p) => classic(p).delSockets(opts([], ["room2"]), ["room9"]),
  "classic.disconnectSockets": async (p) => classic(p).disconnectSockets(opts(["nobody"]), true),
  "classic.serverSideEmit": async (p) => classic(p).serverSideEmit(["hello-srv", 1, "two"]),
  "classic.serverSideEmitWithAck": async (p) => {
    const adapter = classic(p);
    shortIds.push("REQ003");
    adapter.serverSideEmit(["ping-srv", "x", () => {}]);
  },
  "classic.reply.allRooms": async (p) => {
    const adapter = classic(p);
    adapter.addAll("n4bzGXmNrL7YdgJgAAAC", new Set(["n4bzGXmNrL7YdgJgAAAC", "room1"]));
    await adapter.onrequest("socket.io-request#/#", Buffer.from(JSON.stringify({ uid: "OTHER1", requestId: "Q1", type: 1 })));
  },
  "classic.reply.fetch": async (p) =>
    classic(p).onrequest("socket.io-request#/#", Buffer.from(JSON.stringify({ uid: "OTHER1", requestId: "Q2", type: 5, opts: { rooms: [], except: [] } }))),
  "classic.reply.serverSideEmitAck": async (p) =>
    classic(p).onrequest("socket.io-request#/#", Buffer.from(JSON.stringify({ uid: "OTHER1", requestId: "Q3", type: 6, data: ["ping", 1] }))),
  "classic.reply.broadcastAck": async (p) =>
    classic(p).onrequest(
      "socket.io-request#/#",
      notepack.encode({ uid: "OTHER1", requestId: "Q4", type: 7, packet: { type: 2, data: ["ackme"], nsp: "/" }, opts: { rooms: [], except: [], flags: { timeout: 1000 } } }),
    ),
  "emitter.emit": async (p) => new Emitter(recordingClient(p)).emit("from-emitter", 1, { b: 2 }),
  "emitter.room": async (p) => new Emitter(recordingClient(p)).to("room1").except("room2").volatile.emit("x", Buffer.from([1, 2]), 1.5),
  "emitter.chat": async (p) => new Emitter(recordingClient(p)).of("chat").compress(false).emit("x"),
  "emitter.join": async (p) => new Emitter(recordingClient(p)).to("room1").socketsJoin("room7"),
  "emitter.leave": async (p) => new Emitter(recordingClient(p)).except("room2").socketsLeave(["room7", "room8"]),
  "emitter.disconnect": async (p) => new Emitter(recordingClient(p)).in("nobody").disconnectSockets(true),
  "emitter.serverSideEmit": async (p) => new Emitter(recordingClient(p)).serverSideEmit("hello-srv", "from-emitter"),
  "sharded.broadcast": async (p) => sharded(p).broadcast({ type: 2, data: ["hello", "world"] }, all()),
  "sharded.broadcast.room": async (p) => sharded(p).broadcast({ type: 2, data: ["hi"] }, opts(["room1"], [], { volatile: true })),
  "sharded.broadcast.sid": async (p) => sharded(p).broadcast({ type: 2, data: ["hi"] }, opts(["l1PYWSjcHZQCPZX7AAAA"])),
  "sharded.broadcast.binary": async (p) => sharded(p).broadcast({ type: 2, data: ["bin", Buffer.from([1, 2, 3])] }, all()),
  "sharded.broadcastWithAck": async (p) => {
    const adapter = sharded(p);
    hexIds.push("c20ca7c224089495");
    adapter.broadcastWithAck({ type: 2, data: ["ackme", 7] }, opts(["room1"], [], { timeout: 2000 }), () => {}, () => {});
  },
  "sharded.addSockets": async (p) => sharded(p).addSockets(opts(["room1"]), ["room9"]),
  "sharded.delSockets": async (p) => sharded(p).delSockets(opts([], ["room2"]), ["room9"]),
  "sharded.disconnectSockets": async (p) => sharded(p).disconnectSockets(opts(["nobody"]), true),
  "sharded.fetchSockets": async (p) => {
    const adapter = sharded(p);
    hexIds.push("64297550da93d96c");
    adapter.fetchSockets(all()).catch(() => {});
  },
  "sharded.serverSideEmit": async (p) => sharded(p).serverSideEmit(["hello-srv", 1]),
  "sharded.serverSideEmitWithAck": async (p) => {
    const adapter = sharded(p);
    hexIds.push("3000f0928632e72d");
    adapter.serverSideEmit(["ping-srv", "x", () => {}]);
  },
  "sharded.reply.fetch": async (p) =>
    sharded(p).onRawMessage(Buffer.from(JSON.stringify({ type: 7, data: { opts: { rooms: [], except: [], flags: {} }, requestId: "R1" }, uid: "26d2222459d14ebf", nsp: "/" })), "socket.io#/#"),
  "sharded.reply.serverSideEmitAck": async (p) =>
    sharded(p).onRawMessage(Buffer.from(JSON.stringify({ type: 9, data: { requestId: "R2", packet: ["ping", 1] }, uid: "26d2222459d14ebf", nsp: "/" })), "socket.io#/#"),
  "sharded.reply.broadcastAck": async (p) =>
    sharded(p).onRawMessage(
      Buffer.from(JSON.stringify({ type: 3, data: { packet: { type: 2, data: ["ackme"] }, requestId: "R3", opts: { rooms: [], except: [], flags: { timeout: 1000 } } }, uid: "26d2222459d14ebf", nsp: "/" })),
      "socket.io#/#",
    ),
};

// Requests of a Node adapter's own, started before our answers are fed to it: what they resolve to is the result.
const setups = {
  classic: {
    allRooms: (adapter) => (shortIds.push("P00001"), adapter.allRooms()),
    fetchSockets: (adapter) => (shortIds.push("P00002"), adapter.fetchSockets(all())),
    serverSideEmitWithAck: (adapter) =>
      new Promise((resolve) => (shortIds.push("P00003"), adapter.serverSideEmit(["ping", (err, responses) => resolve({ err: err?.message ?? null, responses })]))),
    broadcastWithAck: (adapter) => {
      const seen = { counts: [], acks: [] };
      shortIds.push("P00004");
      adapter.broadcastWithAck({ type: 2, data: ["ackme"] }, opts([], [], { timeout: 1000 }), (n) => seen.counts.push(n), (arg) => seen.acks.push(arg));
      return settle().then(() => seen);
    },
  },
  sharded: {
    fetchSockets: (adapter) => (hexIds.push("aaaaaaaaaaaaaaaa"), adapter.fetchSockets(all())),
    serverSideEmitWithAck: (adapter) =>
      new Promise((resolve) => (hexIds.push("bbbbbbbbbbbbbbbb"), adapter.serverSideEmit(["ping", (err, responses) => resolve({ err: err?.message ?? null, responses })]))),
    broadcastWithAck: (adapter) => {
      const seen = { counts: [], acks: [] };
      hexIds.push("cccccccccccccccc");
      adapter.broadcastWithAck({ type: 2, data: ["ackme"] }, opts([], [], { timeout: 1000 }), (n) => seen.counts.push(n), (arg) => seen.acks.push(arg));
      return settle().then(() => seen);
    },
  },
};

const input = await readInput();
const produced = {};
for (const [name, run] of Object.entries(scenarios)) {
  calls = [];
  produced[name] = [];
  await run(produced[name]);
  await settle();
}

const consumed = {};
for (const testCase of input.consume) {
  calls = [];
  const published = [];
  const adapter = testCase.target === "classic" ? classic(published) : sharded(published);
  adapter.addAll("n4bzGXmNrL7YdgJgAAAC", new Set(["n4bzGXmNrL7YdgJgAAAC", "room1"]));
  const pending = testCase.setup ? setups[testCase.target][testCase.setup](adapter) : null;
  await settle();
  published.length = 0;
  for (const { channel, base64 } of testCase.payloads) {
    const payload = Buffer.from(base64, "base64");
    if (testCase.target === "sharded") adapter.onRawMessage(payload, channel);
    else if (channel.startsWith("socket.io#")) adapter.onmessage(null, channel, payload);
    else await adapter.onrequest(channel, payload);
  }

  await settle();
  const result = pending ? await Promise.race([pending, settle().then(() => "pending")]) : undefined;
  consumed[testCase.name] = { calls, published, result: render(result) };
}

finish({ produced, consumed });
