// notepack.io 3 (the MessagePack of Node's Redis adapters and emitter) as the reference for the C# conversion.
// stdin:  {"encode":[{"json":"…","attachments":["base64",…]}], "decode":["base64",…]}
// stdout: {"encoded":["hex",…], "decoded":[{"json":"…","attachments":["base64",…]} | {"error":"…"}]}
//   encode: the JavaScript value the JSON stands for (placeholders as Buffers), as notepack encodes it;
//   decode: what notepack decodes, as Socket.IO's own encoder then writes it for a client (the JSON of the
//           argument, binary as placeholders and attachments).
import { finish, readInput, require, withBuffers } from "./lib.mjs";

const notepack = require("notepack.io");
const { Encoder } = require("socket.io-parser");

const input = await readInput();
const encoded = input.encode.map(({ json, attachments }) => notepack.encode(withBuffers(JSON.parse(json), attachments)).toString("hex"));
const decoded = input.decode.map((base64) => {
  let value;
  try {
    value = notepack.decode(Buffer.from(base64, "base64"));
  } catch (err) {
    return { error: err.message };
  }

  // One EVENT packet whose only argument is the value: its JSON after the header is "[<value>]".
  const [text, ...buffers] = new Encoder().encode({ type: 2, nsp: "/", data: [value] });
  const array = text.slice(text.indexOf("["));
  return { json: array.slice(1, -1), attachments: buffers.map((b) => Buffer.from(b).toString("base64")) };
});
finish({ encoded, decoded });
