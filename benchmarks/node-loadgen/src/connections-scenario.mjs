// Opens N WebSocket clients at a bounded rate and holds them. Figures: server CPU per handshake (over the ramp),
// handshake p50/p99, and server RSS before and after (after a hold) → KiB per connection.
import { performance } from "node:perf_hooks";
import { delay } from "./clock.mjs";
import { openClients } from "./connector.mjs";
import { Histogram } from "./histogram.mjs";
import { Meter } from "./meter.mjs";
import { makeResult } from "./result.mjs";

export async function runConnections(settings, server) {
  // Warm-up: rounds of handshakes, closed again, for the warm-up time, so the JIT and the pools are settled before
  // the baseline.
  const warmupEnd = performance.now() + settings.warmupSeconds * 1000;
  for (let round = 0; round < 20 && (round === 0 || performance.now() < warmupEnd); round++) {
    const warm = await openClients(settings, Math.min(500, settings.clients), new Histogram(), 60_000);
    for (const client of warm.clients) {
      client.close();
    }
  }

  await delay(2000);
  const rssBeforeKiB = server ? server.rssKiB() : 0;
  const latency = new Histogram();
  latency.recording = true;
  const meter = new Meter(server);
  const rampMs = (settings.clients / settings.rate + 60) * 1000;
  const { clients, failures } = await openClients(settings, settings.clients, latency, rampMs);
  const seconds = meter.elapsedSeconds;
  const serverCpuSeconds = meter.serverCpuSeconds;
  const loadGeneratorCpuSeconds = meter.ownCpuSeconds;

  // Hold: every client answers pings while the server's memory settles.
  await delay(settings.holdSeconds * 1000);
  const rssAfterKiB = server ? server.rssKiB() : 0;
  const lost = clients.filter((c) => c.closed).length;
  for (const client of clients) {
    client.close();
  }
  return makeResult({
    scenario: "connections",
    label: settings.label,
    clients: settings.clients,
    operations: clients.length,
    seconds,
    serverCpuSeconds,
    loadGeneratorCpuSeconds,
    p50Ms: latency.percentileMs(0.5),
    p99Ms: latency.percentileMs(0.99),
    rssBeforeKiB,
    rssAfterKiB,
    failures: failures + lost,
  });
}
