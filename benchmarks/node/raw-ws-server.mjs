// Node's floor, the counterpart of BenchServer's BENCH_DIAGNOSTICS=raw: a bare WebSocket server on the ws package
// (the one socket.io itself uses) at /socket.io/ that answers the load generators' handshake with the two frames they
// expect (`0{…}`, then `40{…}` after their `40`), answers each `42N["echo",x]` with `43N[x]`, and otherwise idles. For
// the broadcast scenario, `42N["join",room]` puts the socket in the one room there is, and `42N["bcast",room,count,x]`
// sends `42["msg",x]` to every member, the frame's bytes made once. No Engine.IO or Socket.IO: what it costs per
// handshake, echo, delivery and connection is Node's and ws's share.
import { createServer } from "node:http";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../tests/interop/package.json", import.meta.url));
const { WebSocketServer } = require("ws");

const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 7357);
const open = '0{"sid":"raw","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';
const connected = '40{"sid":"raw"}';
const echoEvent = '["echo",';
const joinEvent = '["join",';
const broadcastEvent = '["bcast",';
const room = new Set(); // every joined socket, whatever room it asked for: the scenario uses one

// Whether `message` is `42N[<opening>…`, its `[` at `at`.
const isEvent = (message, at, opening) => message.startsWith("42") && at >= 3 && message.startsWith(opening, at);

const httpServer = createServer((_, response) => {
  response.writeHead(400).end();
});
const wss = new WebSocketServer({ server: httpServer, path: "/socket.io/", perMessageDeflate: false });
wss.on("connection", (socket) => {
  socket.send(open);
  let first = true;
  socket.on("message", (data, isBinary) => {
    const message = isBinary ? "" : data.toString("latin1");
    const at = message.indexOf("[");
    if (isEvent(message, at, echoEvent)) {
      socket.send(`43${message.slice(2, at)}[${message.slice(at + echoEvent.length)}`);
    } else if (isEvent(message, at, joinEvent)) {
      room.add(socket);
      socket.send(`43${message.slice(2, at)}[]`);
    } else if (isEvent(message, at, broadcastEvent)) {
      // "room",count,x]
      const args = message.slice(at + broadcastEvent.length);
      const countAt = args.indexOf('",') + 2;
      const payloadAt = args.indexOf(",", countAt) + 1;
      const frame = Buffer.from(`42["msg",${args.slice(payloadAt)}`);
      for (let i = Number(args.slice(countAt, payloadAt - 1)); i > 0; i--) {
        for (const member of room) {
          member.send(frame, { binary: false });
        }
      }
      socket.send(`43${message.slice(2, at)}[]`);
    }
    if (first) {
      first = false;
      socket.send(connected);
    }
  });
  socket.on("close", () => room.delete(socket));
  socket.on("error", () => {}); // the client went away
});

httpServer.listen(port, host, () => console.log(`Now listening on: http://${host}:${port}`));
