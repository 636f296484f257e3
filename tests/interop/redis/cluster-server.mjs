// A Node socket.io 4.8 server with @socket.io/redis-adapter 8.3 (classic or sharded) on a real Redis, serving the
// cluster contract our test server serves too (tests/SocketIo.Server.Tests/Redis/ClusterContract.cs):
//   connection: socket.data = {name: auth.name, side: "node"}, joins auth.rooms
//   serverCount() -> count           broadcast(room|null, event, arg)      broadcastBinary(room|null, event): [1,2,3]
//   fetch(room|null) -> [{id, rooms, data, auth, address}]                 join(room, target)   disconnectRoom(room)
//   sse() -> answers of io.serverSideEmitWithAck("ping", "node"); server-side "ping" answers {side:"node", from}
//   ackAll() -> the clients' answers to io.timeout(5000).emitWithAck("question")
//   emitterTest() -> @socket.io/redis-emitter emits "from-node-emitter" (classic only)
// Every event is acknowledged when done. Exported for the mixed-cluster script and runnable alone:
//   node redis/cluster-server.mjs <port> <redisUrl> <classic|sharded> [key]   (prints "listening <port>")
import { createServer } from "node:http";
import { Server } from "socket.io";
import { createClient } from "redis";
import { createAdapter, createShardedAdapter } from "@socket.io/redis-adapter";
import { Emitter } from "@socket.io/redis-emitter";

export async function startClusterServer({ port = 0, redisUrl, mode = "classic", key = "socket.io" }) {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  pub.on("error", () => {});
  sub.on("error", () => {});
  await Promise.all([pub.connect(), sub.connect()]);
  const http = createServer();
  const io = new Server(http, {
    adapter: mode === "sharded"
      ? createShardedAdapter(pub, sub, { channelPrefix: key, subscriptionMode: "dynamic" })
      : createAdapter(pub, sub, { key }),
  });
  const emitter = mode === "sharded" ? null : new Emitter(pub, { key });
  const target = (room) => (room ? io.to(room) : io);

  io.on("ping", (from, callback) => callback({ side: "node", from }));
  io.on("connection", (socket) => {
    const auth = socket.handshake.auth ?? {};
    socket.data = { name: auth.name, side: "node" };
    for (const room of auth.rooms ?? []) socket.join(room);

    socket.on("serverCount", async (ack) => ack(await io.of("/").adapter.serverCount()));
    socket.on("broadcast", (room, event, arg, ack) => { target(room).emit(event, arg); ack(); });
    socket.on("broadcastBinary", (room, event, ack) => { target(room).emit(event, Buffer.from([1, 2, 3])); ack(); });
    socket.on("fetch", async (room, ack) => {
      const sockets = await target(room).fetchSockets();
      ack(sockets.map((s) => ({ id: s.id, rooms: [...s.rooms].sort(), data: s.data, auth: s.handshake.auth, address: s.handshake.address })));
    });
    socket.on("join", (room, joined, ack) => { target(room).socketsJoin(joined); ack(); });
    socket.on("disconnectRoom", (room, ack) => { ack(); target(room).disconnectSockets(); });
    socket.on("sse", async (ack) => {
      try { ack(await io.serverSideEmitWithAck("ping", "node")); } catch (e) { ack({ error: String(e) }); }
    });
    socket.on("ackAll", async (ack) => {
      try { ack((await io.timeout(5000).emitWithAck("question")).sort()); } catch (e) { ack({ error: String(e) }); }
    });
    socket.on("emitterTest", (ack) => { emitter?.emit("from-node-emitter", "node"); ack(); });
  });

  await new Promise((resolve) => http.listen(port, "127.0.0.1", resolve));
  return {
    port: http.address().port,
    async close() {
      io.close();
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const [, , port, redisUrl, mode, key] = process.argv;
  const server = await startClusterServer({ port: Number(port), redisUrl, mode, key: key ?? "socket.io" });
  console.log(`listening ${server.port}`);
  const stop = async () => { await server.close(); process.exit(0); };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
