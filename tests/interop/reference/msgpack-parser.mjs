// socket.io-msgpack-parser 3.0.2 as the reference for the C# MessagePack parser, case by case.
// Usage: node reference/msgpack-parser.mjs < cases.json
// Input: a JSON array of cases, each with an `id` and an `op`:
//   {"op":"encode","type":2,"nsp":"/","ackId":7,"json":"[…]","attachments":["base64",…]}
//       → {"hex":…}: the package's Encoder on the packet object the Node server builds for that packet, keys in its
//         order (seen on the wire of socket.io 4.8 by reference/msgpack-packets.mjs): an EVENT {type, data, id?, nsp}
//         from socket.emit, an ACK {id, type, data, nsp}, CONNECT, DISCONNECT and CONNECT_ERROR {type, data?, nsp};
//         `json` is the payload with binary as placeholders, which become Buffers; absent for no payload
//   {"op":"decode","base64":…}
//       → {"packet":{"type":…,"nsp":…,"ackId":…,"json":…,"attachments":[…]}} or {"error":"…"}: the package's Decoder;
//         `json` is the payload as Socket.IO's default encoder writes it for a client (binary as placeholders and
//         attachments for an EVENT or ACK, JSON.stringify for the others), absent when there is none
// Output: one line per case, {"event":"result","id":…,…}, then {"event":"done"}.
import { finish, readInput, require, withBuffers } from "../redis/lib.mjs";

const parser = require("socket.io-msgpack-parser");
const { Encoder: JsonEncoder } = require("socket.io-parser");

const log = (event, fields) => process.stdout.write(JSON.stringify({ event, ...fields }) + "\n");

function packetObject({ type, nsp, ackId, json, attachments }) {
  const data = json === undefined ? undefined : withBuffers(JSON.parse(json), attachments ?? []);
  switch (type) {
    case 2:
      return ackId === undefined ? { type, data, nsp } : { type, data, id: ackId, nsp };
    case 3:
      return { id: ackId, type, data, nsp };
    default:
      return data === undefined ? { type, nsp } : { type, data, nsp };
  }
}

function encode(testCase) {
  const [bytes, ...rest] = new parser.Encoder().encode(packetObject(testCase));
  if (rest.length > 0) throw new Error("more than one message");
  return { hex: Buffer.from(bytes).toString("hex") };
}

/** The payload as the default parser writes it: the array of an EVENT with placeholders, or JSON.stringify. */
function render(type, data) {
  if (data === undefined) return {};
  if (type !== 2 && type !== 3) return { json: JSON.stringify(data), attachments: [] };
  const [text, ...buffers] = new JsonEncoder().encode({ type: 2, nsp: "/", data });
  return { json: text.slice(text.indexOf("[")), attachments: buffers.map((b) => Buffer.from(b).toString("base64")) };
}

function decode({ base64 }) {
  const decoder = new parser.Decoder();
  let packet;
  decoder.on("decoded", (p) => (packet = p));
  try {
    decoder.add(Buffer.from(base64, "base64"));
  } catch (error) {
    return { error: error.message };
  }
  return { packet: { type: packet.type, nsp: packet.nsp, ackId: packet.id ?? null, ...render(packet.type, packet.data) } };
}

const cases = await readInput();
for (const testCase of cases) {
  try {
    log("result", { id: testCase.id, ...(testCase.op === "encode" ? encode(testCase) : decode(testCase)) });
  } catch (error) {
    log("result", { id: testCase.id, exception: String(error) });
  }
}
finish({ event: "done" });
