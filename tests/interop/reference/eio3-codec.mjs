// Runs Engine.IO protocol v3 cases through the Node reference (engine.io 6.6 with its bundled v3 parser) so the C#
// codec tests can compare byte for byte. The cases go through the real transport classes, not the parser alone:
// the polling transport picks text or binary framing from the session's b64 query exactly as the server does.
// Usage: node reference/eio3-codec.mjs < cases.json
// Input: a JSON array of cases, each with an `id` and an `op`:
//   {"op":"encode","b64":bool,"j":"<jsonp index>"|null,"packets":[packet…]}
//       → {"kind":"text","text":…} or {"kind":"binary","base64":…}, with its "contentType": the GET body
//   {"op":"decode","j":"<jsonp index>"|null,"text":…} or {"op":"decode","base64":…}
//       → {"packets":[packet…]}: what the POST body delivers; a parser error shows as {"type":"error"}
//   {"op":"handshake","query":"EIO=3&transport=polling"}
//       → {"status":…,"contentType":…,"body":…}: a real server with allowEIO3 and the suites' engine options
//   {"op":"namespace","nsp":"/admin?token=abc"}
//       → {"namespace":…,"auth":"<JSON>"}: how socket.io 4.8 reads a v2 client's CONNECT namespace
// A packet is {"type":"message","text":…} (string data), {"type":"message","base64":…} (binary) or {"type":"noop"}.
// Output: one line per case, {"event":"result","id":…,…}, then {"event":"done"}.
import { createRequire } from "node:module";
import { createServer } from "node:http";

const require = createRequire(import.meta.url);
// engine.io exports only its entry point; its transports are loaded by file path.
const { Polling } = require("../node_modules/engine.io/build/transports/polling.js");
const { JSONP } = require("../node_modules/engine.io/build/transports/polling-jsonp.js");
const { Server } = require("../node_modules/engine.io/build/engine.io.js");
const { Client } = require("../node_modules/socket.io/dist/client.js");

const log = (event, fields) => process.stdout.write(JSON.stringify({ event, ...fields }) + "\n");

function transport(testCase) {
  const query = { EIO: "3", transport: "polling" };
  if (testCase.b64) query.b64 = "1";
  if (typeof testCase.j === "string") query.j = testCase.j;
  const req = { _query: query, headers: {} };
  return typeof testCase.j === "string" ? new JSONP(req) : new Polling(req);
}

const toNodePacket = (p) =>
  p.base64 !== undefined
    ? { type: p.type, data: Buffer.from(p.base64, "base64") }
    : p.text !== undefined
      ? { type: p.type, data: p.text }
      : { type: p.type };

const fromNodePacket = (p) =>
  Buffer.isBuffer(p.data)
    ? { type: p.type, base64: p.data.toString("base64") }
    : p.data !== undefined
      ? { type: p.type, text: String(p.data) }
      : { type: p.type };

// The GET body goes through the transport's own write path into a stand-in response.
function encode(testCase) {
  const t = transport(testCase);
  const response = {};
  t.req = { headers: {}, cleanup() {} };
  t.res = {
    writeHead(status, headers) {
      response.contentType = headers["Content-Type"];
    },
    end(body) {
      response.body = body;
    },
  };
  t.send(testCase.packets.map(toNodePacket));
  return typeof response.body === "string"
    ? { kind: "text", contentType: response.contentType, text: response.body }
    : { kind: "binary", contentType: response.contentType, base64: Buffer.from(response.body).toString("base64") };
}

function decode(testCase) {
  const t = transport(testCase);
  const packets = [];
  t.on("packet", (p) => packets.push(fromNodePacket(p)));
  // A close packet ends the payload through onClose instead of a packet event.
  t.on("close", () => packets.push({ type: "close" }));
  t.onData(testCase.base64 !== undefined ? Buffer.from(testCase.base64, "base64") : testCase.text);
  return { packets };
}

async function handshake(testCase) {
  const http = createServer();
  const engine = new Server({ allowEIO3: true, pingInterval: 300, pingTimeout: 200, maxHttpBufferSize: 1_000_000 });
  engine.attach(http, { path: "/engine.io/" });
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${http.address().port}/engine.io/?${testCase.query}`, {
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, contentType: response.headers.get("content-type"), body: await response.text() };
  } finally {
    engine.close();
    http.close();
  }
}

// The server's own parsing, called on a stand-in client whose connection speaks Engine.IO v3.
function namespace(testCase) {
  const { namespace, authPayload } = Client.prototype._parseNamespace.call({ conn: { protocol: 3 } }, { nsp: testCase.nsp });
  return { namespace, auth: JSON.stringify(authPayload) };
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
for (const testCase of JSON.parse(Buffer.concat(chunks).toString("utf8"))) {
  const ops = { encode, decode, handshake, namespace };
  try {
    log("result", { id: testCase.id, ...(await ops[testCase.op](testCase)) });
  } catch (e) {
    log("result", { id: testCase.id, exception: String(e) });
  }
}
log("done", {});
