// Keeps one socket.io-client busy with acknowledged emits while the test does something else to the server, and
// reports whether the client stayed connected and answered. Usage: node socketio/steady.mjs <serverUrl> <transport>
// Prints {op:"connect", ok, sid|message}; {op:"ack", n} per answered emit ({op:"ack", n, error} per failed one);
// {op:"disconnected", reason} if the connection ends; {op:"done", acks, errors} when the server emits "stop" (or at
// the script's own 30 s bound, after {op:"timeout"}). One emit every 100 ms, each bounded by a 5 s ack timeout.
import { io } from "socket.io-client";

const [, , url, transport = "websocket"] = process.argv;
const print = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const socket = io(url, { transports: [transport], forceNew: true, reconnection: false, timeout: 10000 });
let sent = 0, acks = 0, errors = 0, ticker = null, finished = false;

function finish() {
  if (finished) return;
  finished = true;
  clearInterval(ticker);
  clearTimeout(bound);
  print({ op: "done", acks, errors });
  socket.disconnect();
  process.exit(0);
}

const bound = setTimeout(() => { print({ op: "timeout" }); finish(); }, 30000);

socket.on("connect", () => {
  print({ op: "connect", ok: true, sid: socket.id });
  ticker = setInterval(async () => {
    const n = ++sent;
    try {
      await socket.timeout(5000).emitWithAck("steady", n);
      acks++;
      print({ op: "ack", n });
    } catch (e) {
      errors++;
      print({ op: "ack", n, error: e.message });
    }
  }, 100);
});
socket.on("connect_error", (err) => { print({ op: "connect", ok: false, message: err.message }); finish(); });
socket.on("disconnect", (reason) => {
  if (finished) return; // the script's own disconnect at the end
  print({ op: "disconnected", reason });
  finish();
});
socket.on("stop", finish);
