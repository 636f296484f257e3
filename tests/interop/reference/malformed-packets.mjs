// Feeds malformed and unusual packets to the Node reference server (socket.io 4.8, engine.io 6.6) over a raw
// WebSocket or long-polling, one fresh connection per case, and prints what happened: one JSON object per line with
// the case, what `socket.io-parser`'s Decoder makes of the text alone, what the server's handlers saw, whether the
// connection closed (and how), and whether a well-formed event sent afterwards still arrives. The table in
// docs/protocol-fidelity.md is read from this output; the xunit tests do not run it.
// Usage: node reference/malformed-packets.mjs
import { createServer } from "node:http";
import { Server } from "socket.io";
import { Decoder } from "socket.io-parser";
import WebSocket from "ws";

const bin = (...bytes) => Buffer.from(bytes);

// Socket.IO packets (the text after the Engine.IO "4"), sent on "/" once it is joined. `frames` are Engine.IO
// messages: strings as text, Buffers as binary. The server has asked two questions first; {q0} and {q1} stand for
// their ack ids (the reference server numbers acks per namespace, across connections).
const socketIoCases = [
  { name: "event without payload", frames: ["2"] },
  { name: "event without payload, with ack id", frames: ["21"] },
  { name: "event without payload, namespace not joined", frames: ["2/other,"] },
  { name: "ack without id", frames: ['3["late"]'] },
  { name: "ack without id or payload", frames: ["3"] },
  { name: "ack without payload", frames: ["3{q0}"] },
  { name: "ack with payload", frames: ['3{q1}["yes"]'] },
  { name: "ack with unknown id", frames: ['37["x"]'] },
  { name: "binary event without payload", frames: ["51-", bin(1)] },
  { name: "binary ack without id", frames: ['61-[{"_placeholder":true,"num":0}]', bin(1)] },
  { name: "placeholder with an extra key", frames: ['51-["e",{"_placeholder":true,"num":0,"extra":1}]', bin(1)] },
  { name: "placeholder with an unknown key instead of num", frames: ['51-["e",{"_placeholder":true,"nom":0}]'] },
  { name: "placeholder with an unknown key instead of num, attachment sent", frames: ['51-["e",{"_placeholder":true,"nom":0}]', bin(1)] },
  { name: "placeholder num out of range", frames: ['51-["e",{"_placeholder":true,"num":1}]'] },
  { name: "placeholder num out of range, attachment sent", frames: ['51-["e",{"_placeholder":true,"num":1}]', bin(1)] },
  { name: "placeholder num as a string", frames: ['51-["e",{"_placeholder":true,"num":"0"}]', bin(1)] },
  { name: "placeholder num 1.0", frames: ['52-["e",{"_placeholder":true,"num":1.0}]', bin(1), bin(2)] },
  { name: "placeholder num 0.5", frames: ['51-["e",{"_placeholder":true,"num":0.5}]', bin(1)] },
  { name: "placeholder _placeholder not true", frames: ['51-["e",{"_placeholder":"yes","num":0}]', bin(1)] },
  { name: "attachment never referenced", frames: ['52-["e",{"_placeholder":true,"num":0}]', bin(1), bin(2)] },
  { name: "placeholder in a text event", frames: ['2["e",{"_placeholder":true,"num":0}]'] },
  { name: "text while attachments are due", frames: ['51-["e",{"_placeholder":true,"num":0}]', '2["e"]'] },
  { name: "binary with no attachment due", frames: [bin(1)] },
  { name: "lone surrogate escape", frames: ['29["echo","\\ud800","a\\uDC00b",{"\\ud83d":"\\ude00\\ud83d"}]'] },
  { name: "event name with a lone surrogate", frames: ['2["\\ud800"]'] },
  { name: "empty event array", frames: ["2[]"] },
  { name: "event payload not an array", frames: ["2{}"] },
  { name: "reserved event name", frames: ['2["disconnecting"]'] },
  { name: "disconnect with payload", frames: ["1{}"] },
  { name: "connect error from the client", frames: ['4{"message":"x"}'] },
  { name: "trailing data after JSON", frames: ['2["e"]x'] },
  { name: "second connect on a joined namespace", frames: ["0"] },
  { name: "empty Socket.IO packet", frames: [""] },
  { name: "event number name 1.0", frames: ["2[1.0]"] },
  { name: "event number name 1e21", frames: ["2[1e21]"] },
  { name: "connect to a namespace of 300 bytes", frames: ["0/" + "a".repeat(299) + ","] },
  { name: "connect to a namespace with a control character", frames: ["0/a\u0001b,"] },
  { name: "payload nested 100 levels deep", frames: ['2["e",' + "[".repeat(99) + "]".repeat(99) + "]"] },
  { name: "eleven attachments", frames: ["511-[\"e\"]"] },
];

// Engine.IO packets, whole (type digit included), sent once "/" is joined.
const engineCases = [
  { name: "open from the client", frames: ["0"] },
  { name: "open with data from the client", frames: ['0{"sid":"x"}'] },
  { name: "close from the client", frames: ["1"] },
  { name: "ping from the client", frames: ["2"] },
  { name: "unsolicited pong", frames: ["3"] },
  { name: "upgrade on the websocket", frames: ["5"] },
  { name: "noop from the client", frames: ["6"] },
  { name: "unknown type 7", frames: ["7"] },
  { name: "empty text frame", frames: [""] },
];

const pollingCases = [
  { name: "invalid UTF-8 in a JSON string (polling)", body: Buffer.from([...Buffer.from('42["e","'), 0xff, ...Buffer.from('"]')]) },
  { name: "open from the client (polling)", body: "0" },
  { name: "close from the client (polling)", body: "1" },
  { name: "noop from the client (polling)", body: "6" },
  { name: "upgrade from the client (polling)", body: "5" },
];

const timeout = (ms) => new Promise((resolve) => setTimeout(() => resolve("timeout"), ms).unref());

function parserVerdict(frames) {
  const decoder = new Decoder();
  const decoded = [];
  decoder.on("decoded", (packet) => decoded.push(packet));
  try {
    for (const frame of frames) {
      decoder.add(frame);
    }
  } catch (error) {
    return { error: error.message };
  }
  return decoded.length > 0 ? { decoded: decoded.map(describePacket) } : { waiting: true };
}

function describePacket(packet) {
  return JSON.stringify(packet, (key, value) =>
    value && value.type === "Buffer" && Array.isArray(value.data) ? `<Buffer ${value.data.join(",")}>` : value === undefined ? "undefined" : value);
}

const describeArg = (arg) =>
  typeof arg === "function" ? "<ack function>" : Buffer.isBuffer(arg) ? `<Buffer ${[...arg].join(",")}>` : arg === undefined ? "undefined" : JSON.stringify(arg);

const seen = [];
let current = null;
const http = createServer();
const io = new Server(http, { pingInterval: 10_000, pingTimeout: 5_000 });
io.on("connection", (socket) => {
  const record = (event, detail) => current?.server.push(detail === undefined ? event : `${event} ${detail}`);
  socket.onAny((...args) => record("onAny", `(${args.map(describeArg).join(", ")})`));
  socket.on("sentinel", () => current?.sentinel());
  socket.on("echo", (...args) => {
    const ack = args.pop();
    ack(...args);
  });
  socket.on("error", (error) => record("error", JSON.stringify(error.message)));
  socket.on("disconnect", (reason) => record("disconnect", JSON.stringify(reason)));
  socket.emit("q0", (...args) => record("ack 0", `(${args.map(describeArg).join(", ")})`));
  socket.emit("q1", (...args) => record("ack 1", `(${args.map(describeArg).join(", ")})`));
});
await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
const port = http.address().port;

async function runWebSocketCase(kind, testCase) {
  const result = { kind, case: testCase.name, frames: testCase.frames.map((f) => (typeof f === "string" ? (kind === "socket.io" ? "4" + f : f) : `<binary ${[...f].join(",")}>`)) };
  result.server = [];
  result.clientReceived = [];
  let sentinelArrived;
  const sentinel = new Promise((resolve) => (sentinelArrived = resolve));
  current = { server: result.server, sentinel: () => sentinelArrived("sentinel") };

  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
  const closed = new Promise((resolve) => ws.on("close", (code) => resolve(`closed ${code}`)));
  const askIds = {};
  const asked = new Promise((resolve) => {
    ws.on("message", (data, isBinary) => {
      const text = isBinary ? `<binary ${[...data].join(",")}>` : data.toString();
      const question = /^42(\d+)\["(q[01])"\]$/.exec(text);
      if (text.startsWith("0{")) {
        ws.send("40");
      } else if (question) {
        askIds[question[2]] = question[1];
        if (askIds.q0 && askIds.q1) {
          resolve();
        }
      } else if (!text.startsWith("40{")) {
        result.clientReceived.push(text);
      }
    });
  });
  await Promise.race([asked, timeout(2000)]);
  const frames = testCase.frames.map((f) => (typeof f === "string" ? f.replace("{q0}", askIds.q0).replace("{q1}", askIds.q1) : f));
  if (kind === "socket.io") {
    result.parser = parserVerdict(frames);
  }
  for (const frame of frames) {
    ws.send(typeof frame === "string" ? (kind === "socket.io" ? "4" + frame : frame) : frame);
  }

  // Give the server a moment to act on the case (a close is immediate), then check it still takes a good event.
  result.afterCase = await Promise.race([closed, timeout(300).then(() => "open")]);
  if (result.afterCase === "open") {
    ws.send('42["sentinel"]');
    result.sentinel = await Promise.race([sentinel, closed, timeout(1000)]);
  }
  ws.terminate();
  await Promise.race([closed, timeout(1000)]);
  await timeout(20);
  current = null;
  seen.push(result);
  process.stdout.write(JSON.stringify(result) + "\n");
}

async function runPollingCase(testCase) {
  const body = typeof testCase.body === "string" ? testCase.body : `<bytes ${[...testCase.body].join(",")}>`;
  const result = { kind: "engine.io polling", case: testCase.name, body, server: [] };
  current = { server: result.server, sentinel: () => {} };
  const base = `http://127.0.0.1:${port}/socket.io/?EIO=4&transport=polling`;
  const open = await (await fetch(base)).text();
  const sid = JSON.parse(open.slice(1)).sid;
  const url = `${base}&sid=${sid}`;
  await fetch(url, { method: "POST", body: "40" });
  await (await fetch(url)).text(); // the CONNECT answer and the two questions
  const post = await fetch(url, { method: "POST", body: testCase.body });
  result.postStatus = post.status;
  await post.text();
  await timeout(50);
  const next = await Promise.race([fetch(url).then(async (r) => `GET ${r.status} ${await r.text()}`), timeout(500).then(() => "GET pending (session open)")]);
  result.afterCase = next;
  await timeout(20);
  current = null;
  process.stdout.write(JSON.stringify(result) + "\n");
}

for (const testCase of socketIoCases) {
  await runWebSocketCase("socket.io", testCase);
}
for (const testCase of engineCases) {
  await runWebSocketCase("engine.io websocket", testCase);
}
for (const testCase of pollingCases) {
  await runPollingCase(testCase);
}
io.close();
http.close();
process.exit(0);
