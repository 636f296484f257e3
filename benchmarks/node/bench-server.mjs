// The Node reference for the benchmarks: socket.io 4.8 (pinned in tests/interop/package.json), default options,
// the same three handlers as testassets/BenchServer. HOST and PORT come from the environment.
import { createServer } from "node:http";
import { Server } from "../../tests/interop/node_modules/socket.io/dist/index.js";

const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 7357);

const httpServer = createServer();
const io = new Server(httpServer);

io.on("connection", (socket) => {
  socket.on("join", (room, ack) => {
    socket.join(room);
    ack();
  });
  socket.on("bcast", (room, count, payload, ack) => {
    for (let i = 0; i < count; i++) {
      io.to(room).emit("msg", payload);
    }
    ack();
  });
  socket.on("echo", (payload, ack) => ack(payload));
});

httpServer.listen(port, host, () => console.log(`Now listening on: http://${host}:${port}`));
