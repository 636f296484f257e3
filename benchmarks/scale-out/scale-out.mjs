// Many connections over several nodes of one cluster, every one reached by one broadcast (benchmarks/scale-out.sh
// starts the cluster and runs this). The parent forks worker processes (a process holds at most ~19,000 sockets here:
// the open-file limit is 20,000 per process); each worker opens its share of WebSocket clients to one node at a
// bounded rate, joins every client to the room "all", and reports. Then the parent's own client asks the first node
// to broadcast one message to "all", and the workers count what arrives. Figures: the servers' CPU per handshake over
// the ramp, their total RSS and KiB per connection, the broadcast's deliveries, the time to the last one and the CPU
// it cost the servers and Redis. Every wait is bounded.
//
// node scale-out.mjs --servers URL,URL… --server-pids PID,PID… [--redis-pid PID] [--clients N] [--per-worker N]
//   [--rate R] [--label ours]
import { fork } from "node:child_process";
import { performance } from "node:perf_hooks";
import { delay } from "../node-loadgen/src/clock.mjs";
import { openClients } from "../node-loadgen/src/connector.mjs";
import { eventTail, eventWithAck, startsWith } from "../node-loadgen/src/frames.mjs";
import { Histogram } from "../node-loadgen/src/histogram.mjs";
import { ProcessProbe } from "../node-loadgen/src/process-probe.mjs";

const room = "all";
const webSocketUrl = (server) => `ws://${new URL(server).host}/socket.io/?EIO=4&transport=websocket`;

if (process.env.SCALE_OUT_WORKER) {
  await runWorker(JSON.parse(process.env.SCALE_OUT_WORKER));
} else {
  await runParent(parseArguments(process.argv.slice(2)));
}

function parseArguments(argv) {
  const values = { servers: "", "server-pids": "", "redis-pid": "", clients: "95000", "per-worker": "10000", rate: "1000", label: "ours" };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, "");
    if (!(name in values) || i + 1 >= argv.length) {
      throw new Error(`unknown option or missing value: ${argv[i]}`);
    }
    values[name] = argv[i + 1];
  }
  const settings = {
    servers: values.servers.split(",").filter(Boolean),
    serverPids: values["server-pids"].split(",").map(Number).filter((pid) => pid > 0),
    redisPid: Number(values["redis-pid"]) || 0,
    clients: Number(values.clients),
    perWorker: Number(values["per-worker"]),
    rate: Number(values.rate),
    label: values.label,
  };
  if (settings.servers.length === 0 || settings.servers.length !== settings.serverPids.length ||
      !(settings.clients >= 1 && settings.clients <= 1_000_000) || !(settings.perWorker >= 1 && settings.perWorker <= 19_000) ||
      !(settings.rate >= 1)) {
    throw new Error("need --servers and as many --server-pids, clients 1..1,000,000, per-worker 1..19,000, rate >= 1");
  }
  return settings;
}

// One worker: its clients, their joins, then a count of "msg" frames on request.
async function runWorker({ server, count, rate }) {
  const settings = { rate, maxPending: 64, webSocketUrl: webSocketUrl(server) };
  const timeoutMs = (count / rate) * 1000 + 120_000;
  const { clients, failures } = await openClients(settings, count, new Histogram(), timeoutMs);
  let joined = 0;
  let received = 0;
  const join = eventWithAck(1, eventTail("join", `"${room}"`));
  for (const client of clients) {
    client.onMessage = (_, message) => {
      if (startsWith(message, '42["msg"')) {
        received++;
      } else if (startsWith(message, "431")) {
        joined++;
      }
    };
    client.send(join);
  }
  const joinDeadline = performance.now() + 60_000;
  while (joined < clients.length && performance.now() < joinDeadline) {
    await delay(20);
  }
  process.send({ type: "ready", connected: clients.length, failures, joined });
  process.on("message", (message) => {
    if (message.type === "count") {
      process.send({ type: "count", received, closed: clients.filter((c) => c.closed).length });
    } else if (message.type === "close") {
      for (const client of clients) {
        client.close();
      }
      process.disconnect();
    }
  });
}

// Resolves with the next message of `type` from `child`, or rejects after `timeoutMs`.
function nextMessage(child, type, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off("message", onMessage);
      reject(new Error(`no '${type}' from worker ${child.pid} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message) => {
      if (message.type === type) {
        clearTimeout(timer);
        child.off("message", onMessage);
        resolve(message);
      }
    };
    child.on("message", onMessage);
  });
}

async function runParent(settings) {
  const servers = new ProcessProbe(settings.serverPids);
  const withRedis = new ProcessProbe(settings.redisPid ? [...settings.serverPids, settings.redisPid] : settings.serverPids);

  // Shares: the clients spread evenly over the nodes, each node's share over workers of at most perWorker clients.
  const shares = [];
  settings.servers.forEach((server, index) => {
    const onNode = Math.floor(settings.clients / settings.servers.length) + (index < settings.clients % settings.servers.length ? 1 : 0);
    const workers = Math.ceil(onNode / settings.perWorker);
    for (let w = 0; w < workers; w++) {
      shares.push({ server, count: Math.floor(onNode / workers) + (w < onNode % workers ? 1 : 0) });
    }
  });
  const rssBefore = servers.rssKiB();
  const cpuBefore = servers.cpuSeconds();
  const rampStart = performance.now();
  const rampLimitMs = (settings.clients / settings.rate) * 1000 + 240_000;
  const workers = shares.map((share) => fork(new URL(import.meta.url), [], {
    env: { ...process.env, SCALE_OUT_WORKER: JSON.stringify({ ...share, rate: settings.rate / shares.length }) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  }));
  try {
    const ready = await Promise.all(workers.map((w) => nextMessage(w, "ready", rampLimitMs)));
    const rampSeconds = (performance.now() - rampStart) / 1000;
    const handshakeCpu = servers.cpuSeconds() - cpuBefore;
    const connected = ready.reduce((sum, r) => sum + r.connected, 0);
    const joined = ready.reduce((sum, r) => sum + r.joined, 0);
    const failures = ready.reduce((sum, r) => sum + r.failures, 0);
    await delay(5_000); // let the servers' memory settle, as the connections scenario's hold does
    const rssHeld = servers.rssKiB();

    // The broadcast: one event from one more client on the first node, to every joined client on every node.
    const { clients: [sender] } = await openClients({ rate: 1, maxPending: 1, webSocketUrl: webSocketUrl(settings.servers[0]) },
      1, new Histogram(), 30_000);
    if (!sender) {
      throw new Error("the sender could not connect");
    }
    let acked = false;
    sender.onMessage = (_, message) => {
      acked ||= startsWith(message, "431");
    };
    const broadcastCpuBefore = withRedis.cpuSeconds();
    const sentAt = performance.now();
    sender.send(eventWithAck(1, eventTail("bcast", `"${room}",1,"hello from the scale-out benchmark"`)));
    let received = 0;
    let lastChange = sentAt;
    let closed = 0;
    // Counts until every joined client has its message, or nothing new arrived for 10 s (at most 120 s).
    while (received < joined && performance.now() - lastChange < 10_000 && performance.now() - sentAt < 120_000) {
      await delay(50);
      const counts = await Promise.all(workers.map((w) => {
        const answer = nextMessage(w, "count", 10_000);
        w.send({ type: "count" });
        return answer;
      }));
      const now = counts.reduce((sum, c) => sum + c.received, 0);
      closed = counts.reduce((sum, c) => sum + c.closed, 0);
      if (now !== received) {
        received = now;
        lastChange = performance.now();
      }
    }
    const broadcastSeconds = (lastChange - sentAt) / 1000;
    const broadcastCpu = withRedis.cpuSeconds() - broadcastCpuBefore;
    sender.close();

    const result = {
      Scenario: "scale-out",
      Label: settings.label,
      Nodes: settings.servers.length,
      Clients: settings.clients,
      Workers: workers.length,
      Connected: connected,
      Joined: joined,
      Failures: failures,
      ClosedBeforeTheEnd: closed,
      RampSeconds: rampSeconds,
      ServerCpuMicrosPerHandshake: (handshakeCpu * 1e6) / Math.max(1, connected),
      ServersRssBeforeKiB: rssBefore,
      ServersRssHeldKiB: rssHeld,
      KiBPerConnection: (rssHeld - rssBefore) / Math.max(1, connected),
      BroadcastDelivered: received,
      BroadcastAcked: acked,
      SecondsToLastDelivery: broadcastSeconds,
      BroadcastCpuSeconds: broadcastCpu,
      CpuMicrosPerDelivery: (broadcastCpu * 1e6) / Math.max(1, received),
    };
    console.log(JSON.stringify(result));
    console.error(`${settings.label}: ${connected}/${settings.clients} connected over ${result.Nodes} nodes in ${rampSeconds.toFixed(1)} s ` +
      `(${failures} failed), ${joined} joined; servers' CPU ${result.ServerCpuMicrosPerHandshake.toFixed(0)} µs/handshake; ` +
      `RSS ${(rssBefore / 1024).toFixed(0)} → ${(rssHeld / 1024).toFixed(0)} MiB (${result.KiBPerConnection.toFixed(1)} KiB/conn); ` +
      `broadcast: ${received}/${joined} delivered, last after ${(broadcastSeconds * 1000).toFixed(0)} ms, ` +
      `${broadcastCpu.toFixed(2)} s CPU with Redis (${result.CpuMicrosPerDelivery.toFixed(2)} µs/delivery)`);
    process.exitCode = received === joined && joined === settings.clients && closed === 0 ? 0 : 1;
  } finally {
    for (const worker of workers) {
      if (worker.connected) {
        worker.send({ type: "close" });
      }
    }
    await Promise.race([Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve() : w.once("exit", resolve))))), delay(30_000)]);
    for (const worker of workers) {
      if (worker.exitCode === null) {
        worker.kill("SIGKILL");
      }
    }
  }
}
