// Shared by the socket.io-client drivers (driver.mjs for the current client, driver-v2.mjs for 2.x): the plan loop,
// the steps whose meaning is the same for both, the argument encoding, bounded waits and the one-JSON-line-per-
// observation output.

/** Writes one observation as a JSON line. */
export const print = (o) => process.stdout.write(JSON.stringify(o) + "\n");

/** Plan arguments to emit: `{"$bin":"<base64>"}` becomes a Buffer, anywhere in arrays and objects. */
export const decode = (v) => {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === "object") {
    if (typeof v.$bin === "string") return Buffer.from(v.$bin, "base64");
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  }
  return v;
};

/** Received arguments to print: binary (ArrayBuffer, Buffer, typed arrays) becomes `{"$bin":"<base64>"}`. */
export const encode = (v) => {
  if (v instanceof ArrayBuffer) return { $bin: Buffer.from(v).toString("base64") };
  if (ArrayBuffer.isView(v)) return { $bin: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
};

/** Resolves once `check()` holds, checking every 5 ms; rejects after `timeout` ms. */
export function waitFor(check, timeout, what) {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => { clearInterval(poll); reject(new Error("timeout waiting for " + what)); }, timeout);
    const poll = setInterval(() => { if (check()) { clearTimeout(timer); clearInterval(poll); resolve(); } }, 5);
  });
}

/**
 * Runs the plan given on the command line (`<serverUrl> '<plan json>'`) step by step, then disconnects every client,
 * prints `{op:"done"}` and exits 0. `run({ step, url, name, timeout, clients, state })` handles the driver's own steps
 * and returns false for the others, which are the shared ones (emit, wait, disconnect, waitDisconnect). `clients` maps
 * each name to `{ socket, events: Map<event, args[]>, disconnect: reason|null, … }`; `state(name)` finds one.
 */
export async function runPlan(run) {
  const [, , url, planText] = process.argv;
  const plan = JSON.parse(planText);
  const clients = new Map();
  const state = (name) => {
    if (!clients.has(name)) throw new Error("unknown client " + name);
    return clients.get(name);
  };
  try {
    for (const step of plan) {
      const timeout = step.timeout ?? 5000;
      const name = step.client ?? "a";
      if (!(await run({ step, url, name, timeout, clients, state })) && !(await runShared(step, name, timeout, state))) {
        throw new Error("unknown op " + step.op);
      }
    }
  } finally {
    for (const { socket } of clients.values()) socket.disconnect();
  }
  print({ op: "done" });
  process.exit(0);
}

/** The steps whose meaning and output are the same for every client version. */
async function runShared(step, name, timeout, state) {
  switch (step.op) {
    case "emit":
      state(name).socket.emit(step.event, ...decode(step.args ?? []));
      return true;
    case "wait": {
      const s = state(name);
      const count = step.count ?? 1;
      try {
        await waitFor(() => (s.events.get(step.event)?.length ?? 0) >= count, timeout, step.event);
        print({ op: "wait", client: name, event: step.event, received: s.events.get(step.event) });
      } catch (e) {
        print({ op: "wait", client: name, event: step.event, error: e.message, received: s.events.get(step.event) ?? [] });
      }
      return true;
    }
    case "disconnect":
      state(name).socket.disconnect();
      return true;
    case "waitDisconnect": {
      const s = state(name);
      try {
        await waitFor(() => s.disconnect !== null, timeout, "disconnect");
        print({ op: "disconnect", client: name, reason: s.disconnect });
      } catch (e) {
        print({ op: "disconnect", client: name, error: e.message });
      }
      return true;
    }
    default:
      return false;
  }
}
