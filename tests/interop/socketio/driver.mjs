// Drives the real socket.io-client through a plan of steps given as JSON, and prints one JSON line per
// observation. Usage: node socketio/driver.mjs <serverUrl> '<plan json>'
//
// Each step: { op, client, ... }. Clients are named ("a", "b"…) so one plan can hold several.
//   connect     { nsp, auth, query, transports, extraHeaders, multiplex, parser, timeout, url } -> {op:"connect", ok, sid|message,data}
//               (parser: "msgpack" for socket.io-msgpack-parser; the default parser otherwise)
//               (url: another server's, e.g. a second node of a cluster; the command line's by default)
//   emit        { event, args }                       (args may hold {"$bin":"<base64>"} for binary)
//   emitWithAck { event, args, timeout }              -> {op:"ack", args} or {op:"ack", error}
//   replyAck    { event, reply }                      answer the server's emit-with-ack of `event` with `reply`
//   wait        { event, count, timeout }             -> {op:"wait", event, received:[args…]} (all so far)
//   ignore      { event }                             receive `event`, never acknowledge it
//   disconnect  {}                                    client-side socket.disconnect()
//   closeEngine {}                                    close the underlying Engine.IO connection
//   waitDisconnect { timeout }                        -> {op:"disconnect", reason}
//   sleepUntilIdle is deliberately absent: every wait is for an event, bounded by `timeout` (default 5000 ms).
// Every received event is also printed as {op:"event", client, event, args}.
import { createRequire } from "node:module";
import { io } from "socket.io-client";
import { decode, encode, print, runPlan } from "./plan.mjs";

const require = createRequire(import.meta.url);
const parsers = { msgpack: () => require("socket.io-msgpack-parser") };

await runPlan(async ({ step, url, name, timeout, clients, state }) => {
  switch (step.op) {
    case "connect": {
      const socket = io((step.url ?? url) + (step.nsp ?? "/").replace(/^\//, ""), {
        auth: decode(step.auth), query: step.query, transports: step.transports ?? ["websocket"],
        extraHeaders: step.extraHeaders, forceNew: !step.multiplex, reconnection: false, timeout,
        parser: step.parser ? parsers[step.parser]() : undefined,
      });
      const s = { socket, events: new Map(), disconnect: null };
      clients.set(name, s);
      socket.onAny((event, ...args) => {
        const last = args.length > 0 && typeof args[args.length - 1] === "function" ? args.pop() : null;
        if (last && s.replies?.has(event)) last(...decode(s.replies.get(event)));
        if (!s.events.has(event)) s.events.set(event, []);
        s.events.get(event).push(encode(args));
        print({ op: "event", client: name, event, args: encode(args) });
      });
      socket.on("disconnect", (reason) => { s.disconnect = reason; print({ op: "disconnected", client: name, reason }); });
      const result = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ ok: false, message: "connect timeout" }), timeout);
        socket.once("connect", () => { clearTimeout(timer); resolve({ ok: true, sid: socket.id }); });
        socket.once("connect_error", (err) => { clearTimeout(timer); resolve({ ok: false, message: err.message, data: err.data ?? null }); });
      });
      print({ op: "connect", client: name, ...result });
      return true;
    }
    case "emitWithAck": {
      try {
        const args = await state(name).socket.timeout(timeout).emitWithAck(step.event, ...decode(step.args ?? []));
        print({ op: "ack", client: name, event: step.event, args: encode([args]) });
      } catch (e) {
        print({ op: "ack", client: name, event: step.event, error: e.message });
      }
      return true;
    }
    case "replyAck": {
      const s = state(name);
      s.replies ??= new Map();
      s.replies.set(step.event, step.reply ?? []);
      return true;
    }
    case "ignore":
      // Received events are recorded by onAny; an unanswered acknowledgement needs nothing more.
      return true;
    case "closeEngine":
      // Drops the whole connection without a Socket.IO DISCONNECT, as a lost network would.
      state(name).socket.io.engine.close();
      return true;
    default:
      return false;
  }
});
