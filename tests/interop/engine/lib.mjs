// Shared by the Engine.IO scenario scripts. Each scenario prints one JSON object per line on stdout (what it
// observed) and exits 0 once it ran, whatever it saw: the C# test decides what is right. A non-zero exit means the
// script itself crashed. Every wait is bounded by a timer so a silent server cannot hang a test.
import { Socket } from "engine.io-client";

/** Writes one observation as a JSON line. */
export function report(event, fields = {}) {
  process.stdout.write(JSON.stringify({ event, ...fields }) + "\n");
}

/**
 * Reads the command line: the server URL (its path is the Engine.IO path, `/engine.io/` when none is given) and
 * the scenario's own arguments after it.
 */
export function parseArgs() {
  const [url, ...rest] = process.argv.slice(2);
  if (!url) {
    throw new Error(`usage: node ${process.argv[1]} <server url> [args...]`);
  }
  const parsed = new URL(url);
  const path = parsed.pathname === "/" ? "/engine.io/" : parsed.pathname;
  return { origin: parsed.origin, path, args: rest };
}

/** Turns the `transport` argument into the client's `transports` option. */
export function transportsFor(name) {
  switch (name) {
    case "polling":
      return ["polling"];
    case "websocket":
      return ["websocket"];
    case "upgrade":
      return ["polling", "websocket"];
    default:
      throw new Error(`unknown transport "${name}" (polling, websocket or upgrade)`);
  }
}

/** Views binary data (Buffer, typed array or ArrayBuffer) as a Buffer, without copying. */
export function toBuffer(data) {
  if (Buffer.isBuffer(data)) {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return Buffer.from(data);
  }
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Describes a message, sent or received: text as is, binary as base64 with its length. */
export function describeMessage(data) {
  if (data === undefined) {
    // The client hands an empty text message (`4` alone) to `message` as undefined.
    return { type: "text", data: "", length: 0 };
  }
  if (typeof data === "string") {
    return { type: "text", data, length: data.length };
  }
  const bytes = toBuffer(data);
  return { type: "binary", base64: bytes.toString("base64"), length: bytes.length };
}

/** Describes the second argument of the client's `close` event (an Error, or a transport's close details). */
export function describeCloseDetails(details) {
  if (details === undefined || details === null) {
    return null;
  }
  const out = {};
  if (details instanceof Error) {
    out.message = details.message;
  }
  if (typeof details.description === "string") {
    out.description = details.description;
  } else if (typeof details.description === "number") {
    out.status = details.description;
  }
  const context = details.context;
  if (context && typeof context.code === "number") {
    out.code = context.code; // WebSocket close code
  }
  if (context && typeof context.status === "number") {
    out.status = context.status; // HTTP status of a failed polling request
  }
  return out;
}

/**
 * Opens a client and reports its life cycle: `handshake`, `open`, `upgrading`, `upgrade`, `upgradeError`, `ping`,
 * `message` (unless `reportMessages` is false), `error` and `close`. Returns the socket and a promise of the close.
 */
export function connect({ origin, path }, options = {}, { SocketClass = Socket, reportMessages = true } = {}) {
  const socket = new SocketClass(origin, { path, ...options });
  const closed = new Promise((resolve) => {
    socket.on("close", (reason, details) => {
      report("close", { reason, details: describeCloseDetails(details) });
      resolve(reason);
    });
  });
  socket.on("handshake", (data) => report("handshake", { ...data }));
  socket.on("open", () => report("open", { transport: socket.transport.name }));
  socket.on("upgrading", (transport) => report("upgrading", { transport: transport.name }));
  socket.on("upgrade", (transport) => report("upgrade", { transport: transport.name }));
  socket.on("upgradeError", (err) => report("upgradeError", { message: String(err && err.message) }));
  socket.on("ping", () => report("ping", { transport: socket.transport.name }));
  if (reportMessages) {
    socket.on("message", (data) =>
      report("message", { ...describeMessage(data), transport: socket.transport ? socket.transport.name : null }),
    );
  }
  socket.on("error", (err) => report("error", { message: String(err && err.message ? err.message : err) }));
  return { socket, closed };
}

/** Resolves when `condition()` is true (checked on every client event and every 10 ms), or after `ms`. */
export function waitFor(condition, ms, what) {
  return new Promise((resolve) => {
    const started = Date.now();
    const check = () => {
      if (condition()) {
        clearInterval(timer);
        resolve(true);
      } else if (Date.now() - started >= ms) {
        clearInterval(timer);
        report("timeout", { waitingFor: what, afterMs: ms });
        resolve(false);
      }
    };
    const timer = setInterval(check, 10);
    check();
  });
}

/** Resolves after `ms`. */
export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with `promise`'s value, or with `fallback` after `ms` (reporting a timeout). */
export function within(promise, ms, what, fallback = undefined) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => {
      report("timeout", { waitingFor: what, afterMs: ms });
      resolve(fallback);
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Closes the client if still open and waits (2 s at most) for its `close` event: the client first flushes what it
 * still has to send, a pong for instance. Over polling the close packet is a POST sent after that event, so it also
 * waits (2 s at most) for the transport's `drain`, that POST's answer: exiting earlier would cut the request and the
 * server would see a dropped connection instead of a close. A POST still in flight (a pong) would end in a `drain`
 * of its own, so it is let finish before closing. Then reports `done` and exits 0 once stdout is flushed.
 */
export async function finish(socket) {
  if (socket && socket.readyState !== "closed") {
    const transport = socket.transport;
    const polling = transport?.name === "polling";
    const drained = () => new Promise((resolve) => transport.once("drain", resolve));
    if (polling && !transport.writable) await within(drained(), 2000, "POST in flight");
    const closed = new Promise((resolve) => socket.once("close", resolve));
    socket.close();
    // Listen only now: close() clears the transport's listeners, then starts the POST that ends in `drain`.
    const delivered = polling ? drained() : null;
    await within(closed, 2000, "client close");
    if (delivered) await within(delivered, 2000, "close packet delivered");
  }
  report("done");
  await new Promise((resolve) => process.stdout.write("", resolve));
  process.exit(0);
}

/** Runs a scenario; an exception is a crash of the script (exit 1), never an observation. */
export function run(scenario) {
  scenario().catch((err) => {
    process.stderr.write(`scenario crashed: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
}
