// The Node reference Engine.IO server wired like the C# echo tests: path /engine.io/, every message echoed back
// (text as text, binary as binary), "close-me" answered with "bye" and then a server-side close. Used to check
// the scenario scripts against the reference and to compare behaviour; the xunit tests do not need it.
// Usage: node reference/engine-echo-server.mjs [port] [pingInterval] [pingTimeout]
// Prints {"event":"listening","url":…} once ready and {"event":"server-close","reason":…} for every session.
import { createServer } from "node:http";
import { Server } from "engine.io";

const [port = "3000", pingInterval = "300", pingTimeout = "200"] = process.argv.slice(2);
const http = createServer();
const engine = new Server({
  pingInterval: Number(pingInterval),
  pingTimeout: Number(pingTimeout),
  maxHttpBufferSize: 1_000_000,
});
engine.attach(http, { path: "/engine.io/" });

const log = (event, fields) => process.stdout.write(JSON.stringify({ event, ...fields }) + "\n");

engine.on("connection", (socket) => {
  log("server-open", { sid: socket.id, transport: socket.transport.name });
  socket.on("message", (data) => {
    if (data === "close-me") {
      socket.send("bye");
      socket.close();
      return;
    }
    socket.send(data);
  });
  socket.on("close", (reason) => log("server-close", { sid: socket.id, reason }));
});

http.listen(Number(port), "127.0.0.1", () => log("listening", { url: `http://127.0.0.1:${http.address().port}/engine.io/` }));
