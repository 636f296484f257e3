// Drives the real socket.io-client 2.x (npm alias socket.io-client-v2: Engine.IO v3, Socket.IO protocol v4) through a
// plan of steps given as JSON, and prints one JSON line per observation, like driver.mjs does for the current
// client. Usage: node socketio/driver-v2.mjs <serverUrl> '<plan json>'
//
// Each step: { op, client, ... }. Clients are named ("a", "b"…) so one plan can hold several.
//   connect     { nsp, query, transports, extraHeaders, multiplex, timeout }
//                 -> {op:"connect", ok, sid, engineId, transport} or {ok:false, error} (what the `error` event got)
//   emit        { event, args }                       (args may hold {"$bin":"<base64>"} for binary)
//   emitWithAck { event, args, timeout }              -> {op:"ack", args} or {op:"ack", error}
//   replyAck    { event, reply }                      answer the server's emits of `event` that want an ack with `reply`
//   wait        { event, count, timeout }             -> {op:"wait", event, received:[args…]} (all so far)
//   waitUpgrade { timeout }                           -> {op:"upgrade", transport} once the engine upgraded
//   waitPong    { count, timeout }                    -> {op:"pong", count}: the client's own pings, answered
//   disconnect  {}                                    client-side socket.disconnect()
//   waitDisconnect { timeout }                        -> {op:"disconnect", reason}
// Every wait is bounded by `timeout` (default 5000 ms). Every received event is printed as
// {op:"event", client, event, args}. The 2.x client has no catch-all listener: events are recorded where the
// client dispatches them (Socket#onevent).
import io from "socket.io-client-v2";
import { decode, encode, print, runPlan, waitFor } from "./plan.mjs";

function record(s, name, event, args) {
  if (!s.events.has(event)) s.events.set(event, []);
  s.events.get(event).push(encode(args));
  print({ op: "event", client: name, event, args: encode(args) });
}

/** Waits for `check`, then prints `{op, client, ...done()}`; on timeout `{op, client, error, ...done()}`. */
async function observe(op, name, check, timeout, done) {
  try {
    await waitFor(check, timeout, op);
    print({ op, client: name, ...done() });
  } catch (e) {
    print({ op, client: name, error: e.message, ...done() });
  }
}

await runPlan(async ({ step, url, name, timeout, clients, state }) => {
  switch (step.op) {
    case "connect": {
      const socket = io(url + (step.nsp ?? "/").replace(/^\//, ""), {
        query: step.query, transports: step.transports ?? ["websocket"], extraHeaders: step.extraHeaders,
        forceNew: !step.multiplex, reconnection: false, timeout,
      });
      const s = { socket, events: new Map(), disconnect: null, pongs: 0, upgraded: null };
      clients.set(name, s);
      const onevent = socket.onevent;
      socket.onevent = function (packet) {
        const [event, ...args] = packet.data ?? [];
        record(s, name, event, args);
        onevent.call(this, packet);
      };
      socket.io.on("pong", () => { s.pongs++; });
      socket.on("disconnect", (reason) => { s.disconnect = reason; print({ op: "disconnected", client: name, reason }); });
      const result = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ ok: false, error: "connect timeout" }), timeout);
        socket.once("connect", () => {
          clearTimeout(timer);
          const engine = socket.io.engine;
          engine.once("upgrade", (transport) => { s.upgraded = transport.name; });
          resolve({ ok: true, sid: socket.id, engineId: engine.id, transport: engine.transport.name });
        });
        // A refusal by middleware or an unknown namespace (the ERROR packet's payload), or a transport failure.
        socket.once("error", (error) => { clearTimeout(timer); resolve({ ok: false, error: encode(error) }); });
        socket.once("connect_error", (error) => { clearTimeout(timer); resolve({ ok: false, error: String(error?.message ?? error) }); });
      });
      print({ op: "connect", client: name, ...result });
      return true;
    }
    case "emitWithAck": {
      const args = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), timeout);
        state(name).socket.emit(step.event, ...decode(step.args ?? []), (...answer) => { clearTimeout(timer); resolve(answer); });
      });
      print(args === null
        ? { op: "ack", client: name, event: step.event, error: "operation has timed out" }
        : { op: "ack", client: name, event: step.event, args: encode(args) });
      return true;
    }
    case "replyAck": {
      const reply = decode(step.reply ?? []);
      state(name).socket.on(step.event, (...args) => {
        const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
        if (ack) ack(...reply);
      });
      return true;
    }
    case "waitUpgrade": {
      const s = state(name);
      await observe("upgrade", name, () => s.upgraded !== null, timeout,
        () => ({ transport: s.upgraded ?? s.socket.io.engine?.transport?.name ?? null }));
      return true;
    }
    case "waitPong": {
      const s = state(name);
      await observe("pong", name, () => s.pongs >= (step.count ?? 1), timeout, () => ({ count: s.pongs }));
      return true;
    }
    default:
      return false;
  }
});
