// The Node reference server (socket.io 4.8 with socket.io-msgpack-parser 3.0.2) fed unusual and malformed MessagePack
// packets over a raw WebSocket, one fresh connection per case: prints one JSON line per case with what the parser's
// Decoder makes of the frame alone, what the server's handlers saw, whether the connection closed, and whether a
// well-formed event sent afterwards still arrives. Then one line per packet the server itself sends (its key order
// and bytes). The msgpack rows of docs/protocol-fidelity.md are read from this output; the xunit tests do not run it.
// Usage: node reference/msgpack-packets.mjs
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { Server } from "socket.io";
import WebSocket from "ws";

const require = createRequire(import.meta.url);
const parser = require("socket.io-msgpack-parser");
// The parser's own notepack (2.2), so that `undefined` is encoded as the parser's peers encode it.
const notepack = require(require.resolve("notepack.io", { paths: [require.resolve("socket.io-msgpack-parser")] }));

const hex = (text) => Buffer.from(text.replace(/\s+/g, ""), "hex");
const pack = (value) => notepack.encode(value);

// Each case is one or more Engine.IO messages sent once "/" is joined: Buffers as binary, strings as text (the
// Engine.IO "4" prefix added). The server has asked two questions first; {q0} in an `ack` case stands for an ack id
// it waits for.
const cases = [
  { name: "event", frames: () => [pack({ type: 2, data: ["e", 1], nsp: "/" })] },
  { name: "event with extra keys (options, as the client sends)", frames: () => [pack({ type: 2, data: ["e"], options: { compress: true }, nsp: "/" })] },
  { name: "event with an ack id", frames: () => [pack({ type: 2, data: ["echo", "x"], id: 5, nsp: "/" })] },
  { name: "event with ack id 1.0 as float 64", frames: () => [hex("84 a4 74797065 02 a4 64617461 92 a4 6563686f 01 a2 6964 cb 3ff0000000000000 a3 6e7370 a1 2f")] },
  { name: "event with a negative ack id", frames: () => [pack({ type: 2, data: ["echo", "x"], id: -1, nsp: "/" })] },
  { name: "event with ack id 2^53", frames: () => [pack({ type: 2, data: ["echo", "x"], id: 2 ** 53, nsp: "/" })] },
  { name: "event with ack id 0.5", frames: () => [pack({ type: 2, data: ["echo"], id: 0.5, nsp: "/" })] },
  { name: "event with ack id null", frames: () => [pack({ type: 2, data: ["echo"], id: null, nsp: "/" })] },
  { name: "event with ack id as a string", frames: () => [pack({ type: 2, data: ["echo"], id: "1", nsp: "/" })] },
  { name: "event with ack id undefined", frames: () => [pack({ type: 2, data: ["e"], id: undefined, nsp: "/" })] },
  { name: "event with binary at depth", frames: () => [pack({ type: 2, data: ["e", { a: [Buffer.from([1, 2])] }], nsp: "/" })] },
  { name: "event with an ArrayBuffer (ext 0, as notepack 2 writes it in browsers)", frames: () => [pack({ type: 2, data: ["e", new Uint8Array([3, 4]).buffer], nsp: "/" })] },
  { name: "event without data", frames: () => [pack({ type: 2, nsp: "/" })] },
  { name: "event with data undefined", frames: () => [pack({ type: 2, data: undefined, nsp: "/" })] },
  { name: "event with data null", frames: () => [pack({ type: 2, data: null, nsp: "/" })] },
  { name: "event with data an object", frames: () => [pack({ type: 2, data: { a: 1 }, nsp: "/" })] },
  { name: "event with an empty array", frames: () => [pack({ type: 2, data: [], nsp: "/" })] },
  { name: "event with an empty array and an ack id", frames: () => [pack({ type: 2, data: [], id: 3, nsp: "/" })] },
  { name: "event named by a number", frames: () => [pack({ type: 2, data: [1.5, "x"], nsp: "/" })] },
  { name: "event named true", frames: () => [pack({ type: 2, data: [true, "x"], nsp: "/" })] },
  { name: "event named null", frames: () => [pack({ type: 2, data: [null, "x"], nsp: "/" })] },
  { name: "event named by an object", frames: () => [pack({ type: 2, data: [{ a: 1 }, "x"], nsp: "/" })] },
  { name: "event named by binary", frames: () => [pack({ type: 2, data: [Buffer.from("hi"), "x"], nsp: "/" })] },
  { name: "reserved event name disconnecting", frames: () => [pack({ type: 2, data: ["disconnecting", "x"], nsp: "/" })] },
  { name: "reserved event name disconnect", frames: () => [pack({ type: 2, data: ["disconnect", "x"], nsp: "/" })] },
  { name: "ack", frames: () => [pack({ type: 3, data: ["yes"], id: "{q0}", nsp: "/" })] },
  { name: "ack with an empty array", frames: () => [pack({ type: 3, data: [], id: "{q0}", nsp: "/" })] },
  { name: "ack without data", frames: () => [pack({ type: 3, id: "{q0}", nsp: "/" })] },
  { name: "ack without id", frames: () => [pack({ type: 3, data: ["late"], nsp: "/" })] },
  { name: "ack with an unknown id", frames: () => [pack({ type: 3, data: ["x"], id: 77, nsp: "/" })] },
  { name: "type 5 (binary event)", frames: () => [pack({ type: 5, data: ["e"], nsp: "/" })] },
  { name: "type 6 (binary ack)", frames: () => [pack({ type: 6, data: ["e"], id: "{q0}", nsp: "/" })] },
  { name: "type 2.0 as float 64", frames: () => [hex("83 a4 74797065 cb 4000000000000000 a4 64617461 91 a1 65 a3 6e7370 a1 2f")] },
  { name: "type 2.5", frames: () => [pack({ type: 2.5, data: ["e"], nsp: "/" })] },
  { name: "type -1", frames: () => [pack({ type: -1, data: ["e"], nsp: "/" })] },
  { name: "type as a string", frames: () => [pack({ type: "2", data: ["e"], nsp: "/" })] },
  { name: "no type", frames: () => [pack({ data: ["e"], nsp: "/" })] },
  { name: "no nsp", frames: () => [pack({ type: 2, data: ["e"] })] },
  { name: "nsp not a string", frames: () => [pack({ type: 2, data: ["e"], nsp: 1 })] },
  { name: "nsp not joined", frames: () => [pack({ type: 2, data: ["e"], nsp: "/other" })] },
  { name: "nsp empty", frames: () => [pack({ type: 2, data: ["e"], nsp: "" })] },
  { name: "duplicate type key, the last one 2", frames: () => [hex("84 a4 74797065 07 a4 74797065 02 a4 64617461 91 a1 65 a3 6e7370 a1 2f")] },
  { name: "disconnect", frames: () => [pack({ type: 1, nsp: "/" })] },
  { name: "disconnect with data", frames: () => [pack({ type: 1, data: {}, nsp: "/" })] },
  { name: "disconnect with data undefined", frames: () => [pack({ type: 1, data: undefined, nsp: "/" })] },
  { name: "connect error from the client", frames: () => [pack({ type: 4, data: { message: "x" }, nsp: "/" })] },
  { name: "connect error from the client, number data", frames: () => [pack({ type: 4, data: 1, nsp: "/" })] },
  { name: "connect again on /", frames: () => [pack({ type: 0, nsp: "/" })] },
  { name: "connect to /custom with data null", frames: () => [pack({ type: 0, data: null, nsp: "/custom" })] },
  { name: "connect to /custom with data an array", frames: () => [pack({ type: 0, data: [], nsp: "/custom" })] },
  { name: "connect to /custom with binary in auth", frames: () => [pack({ type: 0, data: { key: Buffer.from([9]) }, nsp: "/custom" })] },
  { name: "connect to an unknown namespace", frames: () => [pack({ type: 0, nsp: "/nowhere" })] },
  { name: "connect to a namespace without a slash", frames: () => [pack({ type: 0, nsp: "custom" })] },
  { name: "top level not a map (an array)", frames: () => [pack([2, "/", ["e"]])] },
  { name: "top level nil", frames: () => [hex("c0")] },
  { name: "trailing bytes", frames: () => [Buffer.concat([pack({ type: 2, data: ["e"], nsp: "/" }), hex("00")])] },
  { name: "truncated", frames: () => [pack({ type: 2, data: ["e"], nsp: "/" }).subarray(0, 10)] },
  { name: "invalid code 0xc1", frames: () => [hex("83 a4 74797065 02 a4 64617461 92 a1 65 c1 a3 6e7370 a1 2f")] },
  { name: "empty binary message", frames: () => [Buffer.alloc(0)] },
  { name: "a text message", frames: () => ['2["e"]'] },
  { name: "invalid UTF-8 in a string", frames: () => [hex("83 a4 74797065 02 a4 64617461 92 a1 65 a2 ff41 a3 6e7370 a1 2f")] },
  { name: "map key that is a number", frames: () => [hex("83 a4 74797065 02 a4 64617461 92 a1 65 81 01 a1 61 a3 6e7370 a1 2f")] },
  { name: "map key that is an array", frames: () => [hex("83 a4 74797065 02 a4 64617461 92 a1 65 81 92 01 02 a1 61 a3 6e7370 a1 2f")] },
  { name: "a _placeholder map in the data", frames: () => [pack({ type: 2, data: ["e", { _placeholder: true, num: 0 }], nsp: "/" })] },
];

const timeout = (ms) => new Promise((resolve) => setTimeout(() => resolve("timeout"), ms).unref());

const describe = (value) => {
  if (typeof value === "function") return "<ack function>";
  if (value === undefined) return "undefined";
  if (Buffer.isBuffer(value)) return `<Buffer ${[...value].join(",")}>`;
  if (value instanceof ArrayBuffer) return `<ArrayBuffer ${[...new Uint8Array(value)].join(",")}>`;
  return JSON.stringify(value, (k, v) => (v && v.type === "Buffer" && Array.isArray(v.data) ? `<Buffer ${v.data.join(",")}>` : v === undefined ? "undefined" : v));
};

function parserVerdict(frame) {
  const decoder = new parser.Decoder();
  const decoded = [];
  decoder.on("decoded", (packet) => decoded.push(packet));
  try {
    decoder.add(frame);
  } catch (error) {
    return { error: error.message };
  }
  return { decoded: decoded.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, describe(v)]))) };
}

let current = null;
const sent = [];
const http = createServer();
const io = new Server(http, { parser, pingInterval: 10_000, pingTimeout: 5_000 });
const observe = (socket) => {
  const record = (event, detail) => current?.server.push(detail === undefined ? event : `${event} ${detail}`);
  socket.onAny((...args) => record(`onAny ${socket.nsp.name}`, `(${args.map(describe).join(", ")})`));
  socket.on("error", (error) => record("error", JSON.stringify(error.message)));
  socket.on("disconnect", (reason) => record("disconnect", JSON.stringify(reason)));
  socket.on("sentinel", () => current?.sentinel());
  socket.on("echo", (...args) => args.pop()?.(...args));
};
io.on("connection", (socket) => {
  observe(socket);
  socket.emit("q0", (...args) => current?.server.push(`ack q0 (${args.map(describe).join(", ")})`));
  socket.emit("q1", (...args) => current?.server.push(`ack q1 (${args.map(describe).join(", ")})`));
});
io.of("/custom").use((socket, next) => {
  current?.server.push(`/custom auth ${describe(socket.handshake.auth)}`);
  next();
});
io.of("/custom").on("connection", observe);
await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
const port = http.address().port;

async function runCase(testCase) {
  const result = { case: testCase.name, server: [], clientReceived: [] };
  let sentinelArrived;
  const sentinel = new Promise((resolve) => (sentinelArrived = resolve));
  current = { server: result.server, sentinel: () => sentinelArrived("sentinel") };

  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
  const closed = new Promise((resolve) => ws.on("close", (code) => resolve(`closed ${code}`)));
  const ackIds = {};
  const asked = new Promise((resolve) => {
    ws.on("message", (data, isBinary) => {
      if (!isBinary) {
        if (data.toString().startsWith("0{")) ws.send(pack({ type: 0, nsp: "/" }));
        return;
      }
      const packet = notepack.decode(data);
      if (packet.type === 2 && /^q[01]$/.test(packet.data[0])) {
        ackIds[packet.data[0]] = packet.id;
        if ("q0" in ackIds && "q1" in ackIds) resolve();
      } else if (!(packet.type === 0 && packet.nsp === "/")) {
        result.clientReceived.push(describe(packet));
      }
    });
  });
  await Promise.race([asked, timeout(2000)]);
  let frames = testCase.frames();
  frames = frames.map((f) => (Buffer.isBuffer(f) && f.includes("{q0}") ? pack({ ...notepack.decode(f), id: ackIds.q0 }) : f));
  result.frames = frames.map((f) => (Buffer.isBuffer(f) ? f.toString("hex") : "4" + f));
  result.parser = parserVerdict(frames[0]);
  for (const frame of frames) ws.send(Buffer.isBuffer(frame) ? frame : "4" + frame);

  result.afterCase = await Promise.race([closed, timeout(300).then(() => "open")]);
  if (result.afterCase === "open") {
    ws.send(pack({ type: 2, data: ["sentinel"], nsp: "/" }));
    result.sentinel = await Promise.race([sentinel, closed, timeout(1000)]);
  }
  ws.terminate();
  await Promise.race([closed, timeout(1000)]);
  await timeout(20);
  current = null;
  process.stdout.write(JSON.stringify(result) + "\n");
}

for (const testCase of cases) {
  await runCase(testCase);
}

// What the server sends: every packet kind, its bytes and its keys in order.
{
  const received = [];
  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
  const done = new Promise((resolve) => {
    ws.on("message", (data, isBinary) => {
      if (!isBinary) {
        if (data.toString().startsWith("0{")) ws.send(pack({ type: 0, nsp: "/" }));
        return;
      }
      received.push(data);
      const packet = notepack.decode(data);
      if (packet.type === 2 && packet.data[0] === "q0") ws.send(pack({ type: 2, data: ["trigger", "x"], id: 9, nsp: "/" }));
      if (packet.type === 2 && packet.data[0] === "last") {
        ws.send(pack({ type: 0, nsp: "/nowhere" }));
        ws.send(pack({ type: 0, nsp: "/refused" }));
        ws.send(pack({ type: 0, nsp: "/kick" }));
      }
      if (packet.type === 1) resolve();
    });
  });
  io.on("connection", (socket) => {
    socket.on("trigger", (x, ack) => {
      ack(x, Buffer.from([1]));
      socket.emit("plain", 1, "two", { three: [3] });
      socket.emit("binary", Buffer.from([1, 2, 3]));
      io.emit("broadcast", "all");
      io.timeout(1000).emit("broadcast-ack", "all", () => {});
      socket.emit("last");
    });
  });
  io.of("/refused").use((_, next) => next(Object.assign(new Error("no"), { data: { why: "test" } })));
  io.of("/kick").on("connection", (socket) => socket.disconnect());
  await Promise.race([done, timeout(3000)]);
  for (const data of received) {
    const packet = notepack.decode(data);
    process.stdout.write(JSON.stringify({ sent: describe(packet), keys: Object.keys(packet), hex: data.toString("hex") }) + "\n");
  }
  ws.terminate();
}

io.close();
http.close();
process.exit(0);
