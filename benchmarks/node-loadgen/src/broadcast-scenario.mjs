// N WebSocket clients join one room; one more client asks the server, again and again, to broadcast one ~100-byte
// message to the room (`bcast(room, 1, payload)`). The payload carries the send time, so each receiver measures the
// latency from the frame alone. The sender keeps at most `--window` broadcasts undelivered. Figures: deliveries/s,
// server CPU per delivery, latency p50/p99. A broadcast that is not delivered within 10 s ends the run as a failure.
// With a second server (--server2, the same cluster through Redis) half of the receivers connect to it: every
// broadcast then crosses nodes, the CPU is both servers', and the scenario is named broadcast-2nodes.
import { performance } from "node:perf_hooks";
import { delay, nowMicros } from "./clock.mjs";
import { openClients } from "./connector.mjs";
import { ackId, eventTail, eventWithAck, stamp, stampedPayload, startsWith } from "./frames.mjs";
import { Histogram } from "./histogram.mjs";
import { Meter } from "./meter.mjs";
import { onSecondServer } from "./settings.mjs";

const room = "bench";
const stallMs = 10_000;

export async function runBroadcast(settings, server) {
  const latency = new Histogram();
  const onFirst = settings.server2 ? settings.clients - Math.floor(settings.clients / 2) : settings.clients;
  const first = await openClients(settings, onFirst, new Histogram(), 120_000);
  const second = settings.server2
    ? await openClients(onSecondServer(settings), settings.clients - onFirst, new Histogram(), 120_000)
    : { clients: [], failures: 0 };
  const clients = [...first.clients, ...second.clients];
  const failures = first.failures + second.failures;
  let joined = 0;
  let delivered = 0;
  let sent = 0;
  let sender = null;
  let stopped = false;
  let lastProgress = performance.now();

  const pump = () => {
    // Sends while fewer than `window` broadcasts are undelivered (at most `window` per call).
    while (!stopped && sender && delivered >= (sent - settings.window + 1) * clients.length) {
      sent++;
      const args = `"${room}",1,${stampedPayload(nowMicros(), settings.payloadLength)}`;
      sender.send(eventWithAck(sent, eventTail("bcast", args)));
    }
  };
  const onMessage = (client, message) => {
    if (startsWith(message, '42["msg"')) {
      const sentAt = stamp(message);
      if (sentAt > 0) {
        latency.record(nowMicros() - sentAt);
      }
      delivered++;
      lastProgress = performance.now();
      pump();
    } else if (ackId(message) === 1) {
      joined++;
    }
  };

  const join = eventWithAck(1, eventTail("join", `"${room}"`));
  for (const client of clients) {
    client.onMessage = onMessage;
    client.send(join);
  }
  const joinDeadline = performance.now() + 30_000;
  while (joined < clients.length && performance.now() < joinDeadline) {
    await delay(10);
  }

  const senders = await openClients(settings, 1, new Histogram(), 30_000);
  sender = senders.clients[0] ?? null;
  let stalled = sender === null;
  if (sender) {
    sender.onMessage = () => {};
  }

  // Warm-up, then the window; every second, check that deliveries still progress.
  lastProgress = performance.now();
  pump();
  const waitWatching = async (ms) => {
    const end = performance.now() + ms;
    while (!stalled && performance.now() < end) {
      await delay(Math.min(1000, Math.max(1, end - performance.now())));
      stalled = performance.now() - lastProgress > stallMs;
    }
  };
  await waitWatching(settings.warmupSeconds * 1000);
  const before = delivered;
  latency.recording = true;
  const meter = new Meter(server);
  await waitWatching(settings.durationSeconds * 1000);
  stopped = true;
  const lost = clients.filter((c) => c.closed).length;
  const result = meter.finish(settings.server2 ? "broadcast-2nodes" : "broadcast", settings, delivered - before, latency,
    failures + (stalled ? 1 : 0) + (clients.length - joined) + lost);
  for (const client of [...clients, ...senders.clients]) {
    client.onMessage = null;
    client.close();
  }
  return result;
}
