// Hand-written Socket.IO v5 frames (Engine.IO message type `4` first) and the few parses the scenarios need.
const zero = 0x30;
const nine = 0x39;

/** The constant tail of an event frame after its ack id: `["event",<args>]`. */
export const eventTail = (eventName, jsonArgs) => `["${eventName}",${jsonArgs}]`;

/** `42{id}["event",<args>]`: an event with an acknowledgement id. */
export const eventWithAck = (ackId, tail) => `42${ackId}${tail}`;

/**
 * A JSON string of exactly `length` characters: `"t<stamp>|xxxx…"`. The stamp lets a receiver compute the latency
 * from the frame alone.
 */
export function stampedPayload(stamp, length) {
  const head = `t${stamp}|`;
  return `"${head}${"x".repeat(Math.max(0, length - head.length))}"`;
}

/** Parses the decimal digits of `buffer` from `at`; -1 if there are none. */
function digitsAt(buffer, at) {
  let value = 0;
  let i = at;
  for (; i < buffer.length && i - at < 16 && buffer[i] >= zero && buffer[i] <= nine; i++) {
    value = value * 10 + (buffer[i] - zero);
  }
  return i === at ? -1 : value;
}

/** The ack id of `43{id}[…]`, or -1 if the message is not an ACK. */
export function ackId(buffer) {
  if (buffer.length < 3 || buffer[0] !== 0x34 || buffer[1] !== 0x33) {
    return -1;
  }
  return digitsAt(buffer, 2);
}

/** The stamp in the first JSON string argument that starts with `"t`, or -1. */
export function stamp(buffer) {
  const at = buffer.indexOf('"t');
  return at < 0 ? -1 : digitsAt(buffer, at + 2);
}

/** Whether `buffer` starts with the ASCII `prefix`. */
export function startsWith(buffer, prefix) {
  if (buffer.length < prefix.length) {
    return false;
  }
  for (let i = 0; i < prefix.length; i++) {
    if (buffer[i] !== prefix.charCodeAt(i)) {
      return false;
    }
  }
  return true;
}
