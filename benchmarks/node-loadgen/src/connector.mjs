// Opens WebSocket clients at a bounded rate with a bounded number of handshakes in flight.
import { performance } from "node:perf_hooks";
import { delay } from "./clock.mjs";
import { WsClient } from "./ws-client.mjs";

/**
 * Opens `count` clients, at most `settings.rate` per second and `settings.maxPending` at once; each handshake's time
 * (TCP connect to the Socket.IO CONNECT reply) goes to `latency`. Gives up after `timeoutMs`. Returns the clients
 * that connected and the number that failed (those never started count as failed).
 */
export async function openClients(settings, count, latency, timeoutMs) {
  const start = performance.now();
  const deadline = start + timeoutMs;
  const clients = [];
  let failures = 0;
  let pending = 0;
  let slotFreed = null; // resolved when a handshake ends while the loop waits for a free slot
  const tasks = [];
  let started = 0;
  for (let i = 0; i < count && performance.now() < deadline; i++) {
    const due = (i * 1000) / settings.rate - (performance.now() - start);
    if (due > 1) {
      await delay(due);
    }
    while (pending >= settings.maxPending && performance.now() < deadline) {
      await Promise.race([new Promise((resolve) => (slotFreed = resolve)), delay(100)]);
    }
    if (performance.now() >= deadline) {
      break;
    }
    pending++;
    started++;
    const begin = performance.now();
    tasks.push(
      WsClient.connect(settings.webSocketUrl, Math.max(1, deadline - begin))
        .then((client) => {
          latency.record((performance.now() - begin) * 1000);
          clients.push(client);
        }, () => {
          failures++;
        })
        .finally(() => {
          pending--;
          slotFreed?.();
          slotFreed = null;
        }),
    );
  }
  await Promise.all(tasks);
  return { clients, failures: failures + (count - started) };
}
