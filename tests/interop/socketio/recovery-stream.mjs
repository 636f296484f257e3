// One socket.io-client with automatic reconnection (what connection state recovery is for) that loses its connection
// once while the server keeps sending, then reports everything it received.
// Usage: node socketio/recovery-stream.mjs <serverUrl> '<options json>'
//   options: { nsp = "/", transports = ["websocket"], cut = "client" | "server", cutAfter = 50, reconnectionDelay = 100 }
//   cut "client": after `cutAfter` `tick` events the client closes its Engine.IO connection (a dropped network, as
//   seen by the client); cut "server": the server closes the connection itself, the client only reconnects.
// On its first connection it emits `start`; the server then sends `tick`, `roomTick`, `direct` (numbered) and
// `vol` (volatile), then `done`. Prints {event:"connect", id, recovered} per connection, {event:"disconnect", reason},
// {event:"cut"}, and at `done` (or after {event:"timeout"} at its own 30 s bound) {event:"summary", received: {name:
// [first argument…]}, shapes: {name: [argument count…] deduplicated}, lastIsString: {name: bool (every one)}}.
import { io } from "socket.io-client";

const [, , url, optionsText = "{}"] = process.argv;
const options = JSON.parse(optionsText);
const print = (o) => process.stdout.write(JSON.stringify(o) + "\n");

const socket = io(url + (options.nsp ?? "/").replace(/^\//, ""), {
  transports: options.transports ?? ["websocket"],
  forceNew: true,
  reconnection: true,
  reconnectionDelay: options.reconnectionDelay ?? 100,
  reconnectionDelayMax: options.reconnectionDelay ?? 100,
  randomizationFactor: 0,
  reconnectionAttempts: 50,
  timeout: 10000,
});

const received = {};
const shapes = {};
const lastIsString = {};
let started = false;
let cut = false;
let finished = false;

function finish() {
  if (finished) return;
  finished = true;
  clearTimeout(bound);
  print({ event: "summary", received, shapes, lastIsString });
  socket.disconnect();
  process.exit(0);
}

const bound = setTimeout(() => { print({ event: "timeout" }); finish(); }, 30000);

socket.on("connect", () => {
  print({ event: "connect", id: socket.id, recovered: socket.recovered });
  if (!started) {
    started = true;
    socket.emit("start", options.cut ?? "client", options.cutAfter ?? 50);
  }
});
socket.on("disconnect", (reason) => { if (!finished) print({ event: "disconnect", reason }); });
socket.on("connect_error", (err) => print({ event: "connect_error", message: err.message }));
socket.onAny((name, ...args) => {
  if (name === "done") return finish();
  (received[name] ??= []).push(args[0]);
  if (!(shapes[name] ??= []).includes(args.length)) shapes[name].push(args.length);
  lastIsString[name] = (lastIsString[name] ?? true) && typeof args[args.length - 1] === "string";
  if (options.cut === "client" && !cut && name === "tick" && received.tick.length === (options.cutAfter ?? 50)) {
    cut = true;
    // A dropped network as the client sees it: the connection goes without a Socket.IO DISCONNECT, as an event of its
    // own (a macrotask), not inside this handler, where the packets already read behind this one are still queued.
    setTimeout(() => {
      print({ event: "cut" });
      socket.io.engine.close();
    }, 0);
  }
});
