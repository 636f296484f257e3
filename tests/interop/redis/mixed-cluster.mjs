// One of our servers and one Node socket.io server with @socket.io/redis-adapter on the same Redis, real
// socket.io-clients on both; every cross-node operation both ways. Prints one JSON line per result:
// {"event":"result","name":…,"value":…}, then {"event":"done"}; {"event":"error",…} when a bounded wait runs out.
// Usage: node redis/mixed-cluster.mjs <ourUrl> <redisUrl> <classic|sharded> <key>
import { io as connect } from "socket.io-client";
import { startClusterServer } from "./cluster-server.mjs";

const [, , ourUrl, redisUrl, mode, key] = process.argv;
const print = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const result = (name, value) => print({ event: "result", name, value });
const deadline = setTimeout(() => { print({ event: "error", message: "the scenario outlived 40 s" }); process.exit(0); }, 40_000);

const node = await startClusterServer({ redisUrl, mode, key });
const nodeUrl = `http://127.0.0.1:${node.port}`;
const clients = {};
const received = {};

function open(name, url, rooms) {
  received[name] = [];
  const socket = connect(url, { transports: ["websocket"], auth: { name, rooms }, reconnection: false });
  socket.onAny((event, ...args) => received[name].push({ event, args }));
  socket.on("question", (ack) => ack(name));
  socket.on("disconnect", (reason) => received[name].push({ event: "$disconnect", args: [reason] }));
  clients[name] = socket;
  return new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
}

const got = (name, event) => received[name].filter((e) => e.event === event);

/** Waits (bounded) until every named client got `event`; `again` (if any) is repeated meanwhile, for sharded room channels being subscribed. */
async function until(names, event, again, timeout = 10_000) {
  const start = Date.now();
  let next = 0;
  while (!names.every((n) => got(n, event).length > 0)) {
    if (Date.now() - start > timeout) throw new Error(`${names.filter((n) => got(n, event).length === 0)} never got ${event}`);
    if (again && Date.now() >= next) { next = Date.now() + 300; await again(); }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const ask = (name, event, ...args) => clients[name].timeout(10_000).emitWithAck(event, ...args);
const all = ["d1", "d2", "n1", "n2"];
const render = (v) => (Buffer.isBuffer(v) || v instanceof ArrayBuffer ? { $bin: Buffer.from(v).toString("base64") } : v);

try {
  await Promise.all([open("d1", ourUrl, []), open("d2", ourUrl, ["r"]), open("n1", nodeUrl, []), open("n2", nodeUrl, ["r"])]);

  result("serverCount", { dotnet: await ask("d1", "serverCount"), node: await ask("n1", "serverCount") });

  for (const [from, event] of [["d1", "all-from-dotnet"], ["n1", "all-from-node"]]) {
    await until(all, event, () => ask(from, "broadcast", null, event, from));
  }
  // A broadcast sent again while the cluster's subscriptions were still settling arrives more than once: distinct ones.
  result("broadcastAll", Object.fromEntries(all.map((n) => [n, [...new Set(received[n].filter((e) => e.event.startsWith("all-from")).map((e) => `${e.event}:${e.args[0]}`))].sort()])));

  for (const [from, event] of [["d1", "room-from-dotnet"], ["n1", "room-from-node"]]) {
    await until(["d2", "n2"], event, () => ask(from, "broadcast", "r", event, from));
    await until(all, `${event}-marker`, () => ask(from, "broadcast", null, `${event}-marker`, 0));
  }
  result("broadcastRoom", Object.fromEntries(all.map((n) => [n, [...new Set(received[n].filter((e) => e.event.startsWith("room-from") && !e.event.endsWith("-marker")).map((e) => e.event))].sort()])));

  for (const [from, to, event] of [["d1", "n2", "bin-from-dotnet"], ["n1", "d2", "bin-from-node"]]) {
    await until([to], event, () => ask(from, "broadcastBinary", "r", event));
  }
  result("binary", { n2: render(got("n2", "bin-from-dotnet")[0].args[0]), d2: render(got("d2", "bin-from-node")[0].args[0]) });

  result("fetch", { fromDotnet: await ask("d1", "fetch", "r"), fromNode: await ask("n1", "fetch", "r") });
  result("serverSideEmitWithAck", { fromDotnet: await ask("d1", "sse"), fromNode: await ask("n1", "sse") });
  result("broadcastWithAck", { fromDotnet: await ask("d1", "ackAll"), fromNode: await ask("n1", "ackAll") });

  await ask("d1", "join", "r", "r2");
  await until(["d2", "n2"], "to-r2", () => ask("n1", "broadcast", "r2", "to-r2", 0));
  result("socketsJoin", { d2: got("d2", "to-r2").length > 0, n2: got("n2", "to-r2").length > 0 });

  if (mode === "classic") {
    await until(all, "from-dotnet-emitter", () => ask("d1", "emitterTest"));
    await until(["d1", "d2"], "from-node-emitter", () => ask("n1", "emitterTest"));
    result("emitters", {
      dotnetEmitter: Object.fromEntries(all.map((n) => [n, got(n, "from-dotnet-emitter")[0]?.args ?? null])),
      nodeEmitter: Object.fromEntries(["d1", "d2"].map((n) => [n, got(n, "from-node-emitter")[0]?.args ?? null])),
    });
  }

  await ask("n1", "disconnectRoom", "r2");
  await until(["d2", "n2"], "$disconnect");
  result("disconnectSockets", Object.fromEntries(all.map((n) => [n, got(n, "$disconnect").map((e) => e.args[0])])));
} catch (e) {
  print({ event: "error", message: String(e?.stack ?? e), received });
} finally {
  clearTimeout(deadline);
  for (const socket of Object.values(clients)) socket.disconnect();
  await node.close();
  print({ event: "done" });
  process.exit(0);
}
