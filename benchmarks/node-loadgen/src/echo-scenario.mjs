// N WebSocket clients, each in a closed loop of `echo(payload)` with an acknowledgement: the next emit goes out from
// the message callback as soon as the ack arrives. Figures: acks/s, server CPU per round trip, p50/p99.
import { nowMicros } from "./clock.mjs";
import { openClients } from "./connector.mjs";
import { ackId, eventTail, eventWithAck, stampedPayload } from "./frames.mjs";
import { Histogram } from "./histogram.mjs";
import { measureSteadyState } from "./meter.mjs";

export async function runEcho(settings, server) {
  const { clients, failures } = await openClients(settings, settings.clients, new Histogram(), 120_000);
  const tail = eventTail("echo", stampedPayload(0, settings.payloadLength));
  const latency = new Histogram();
  let acks = 0;

  const sendNext = (client) => {
    client.counter++;
    client.stamp = nowMicros();
    client.send(eventWithAck(client.counter, tail));
  };
  const onMessage = (client, message) => {
    if (ackId(message) !== client.counter) {
      return;
    }
    latency.record(nowMicros() - client.stamp);
    acks++;
    sendNext(client);
  };

  for (const client of clients) {
    client.onMessage = onMessage;
    sendNext(client);
  }

  const result = await measureSteadyState("echo", settings, server, latency, () => acks,
    () => failures + clients.filter((c) => c.closed).length);
  for (const client of clients) {
    client.onMessage = null;
    client.close();
  }
  return result;
}
