// Shared by the socket.io-client drivers (driver.mjs for the current client, driver-v2.mjs for 2.x): the plan's
// argument encoding, bounded waits and the one-JSON-line-per-observation output.

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
