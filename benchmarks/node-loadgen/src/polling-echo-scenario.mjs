// The echo scenario over long-polling: each client POSTs `42{id}["echo",payload]` and its pending GET brings back
// `43{id}[payload]`. Figures: acks/s, server CPU per round trip, p50/p99.
import http from "node:http";
import { delay, nowMicros } from "./clock.mjs";
import { eventTail, eventWithAck, stampedPayload } from "./frames.mjs";
import { Histogram } from "./histogram.mjs";
import { measureSteadyState } from "./meter.mjs";
import { PollingClient } from "./polling-client.mjs";

export async function runPollingEcho(settings, server) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 * settings.clients });
  const pollingUrl = new URL(settings.pollingPath, settings.server).toString();
  const clients = [];
  let failures = 0;
  for (let i = 0; i < settings.clients; i++) {
    try {
      clients.push(await Promise.race([
        PollingClient.connect(agent, pollingUrl),
        delay(10_000).then(() => Promise.reject(new Error("handshake timed out"))),
      ]));
    } catch (error) {
      failures++;
      console.error(`polling handshake ${i} failed: ${error.message}`);
    }
  }

  const tail = eventTail("echo", stampedPayload(0, settings.payloadLength));
  const latency = new Histogram();
  let acks = 0;
  let stopped = false;
  const sendNext = (client) => {
    client.counter++;
    client.stamp = nowMicros();
    client.send(eventWithAck(client.counter, tail));
  };
  const expected = (client) => `43${client.counter}[`;
  const onPacket = (client, packet) => {
    if (!packet.startsWith(expected(client))) {
      return;
    }
    latency.record(nowMicros() - client.stamp);
    acks++;
    sendNext(client);
  };

  const loops = clients.map((client) => client.run(onPacket, () => stopped));
  for (const client of clients) {
    sendNext(client);
  }

  const result = await measureSteadyState("polling-echo", settings, server, latency, () => acks, () => failures);
  stopped = true;
  agent.destroy();
  const endedEarly = await Promise.race([Promise.all(loops), delay(30_000).then(() => null)]);
  for (const reason of (endedEarly ?? []).filter(Boolean)) {
    result.Failures++;
    console.error(`a long-polling client ended early: ${reason}`);
  }
  return result;
}
