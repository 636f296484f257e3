// The Node reference for the benchmarks: socket.io 4.8 (pinned in tests/interop/package.json), default options,
// the same three handlers as testassets/BenchServer. HOST and PORT come from the environment; with REDIS
// (host:port) it joins a cluster through @socket.io/redis-adapter 8.3 on node-redis 4.7 (classic, or sharded with
// REDIS_MODE=sharded), as BenchServer does. BENCH_RECOVERY=1 turns connection state recovery on with Node's defaults
// (benchmarks/delivery-under-drops.sh).
import { createServer } from "node:http";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../tests/interop/package.json", import.meta.url));
const { Server } = require("socket.io");

const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 7357);

const httpServer = createServer();
const options = {};
if (process.env.REDIS) {
  const { createClient } = require("redis");
  const { createAdapter, createShardedAdapter } = require("@socket.io/redis-adapter");
  const pub = createClient({ url: `redis://${process.env.REDIS}` });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  options.adapter = process.env.REDIS_MODE === "sharded" ? createShardedAdapter(pub, sub) : createAdapter(pub, sub);
}

if (process.env.BENCH_RECOVERY === "1") {
  options.connectionStateRecovery = { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true };
}

const io = new Server(httpServer, options);

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
