// Sends one message of a given size and reports what happens: its echo (accepted), or an error and close
// (refused). The server announces maxPayload in the handshake; it limits a polling POST body and a WebSocket frame.
// `text` sends that many ASCII characters (a polling body or WebSocket frame one byte longer: the `4` type digit);
// `binary` sends that many bytes (a WebSocket frame of exactly that size; base64 and longer over polling).
// Usage: node max-payload.mjs <server url> <polling|websocket> <text|binary> <size>
import { connect, finish, parseArgs, report, run, transportsFor, waitFor } from "./lib.mjs";

run(async () => {
  const target = parseArgs();
  const [transport = "websocket", kind = "binary", sizeText = "1000000"] = target.args;
  const size = Number.parseInt(sizeText, 10);
  // Echoes are reported by size, not content: a megabyte does not belong on stdout.
  const { socket } = connect(target, { transports: transportsFor(transport) }, { reportMessages: false });
  let echoed = false;
  let stillOpen = false;
  socket.on("message", (data) => {
    if (data === "still-open") {
      report("message", { type: "text", data });
      stillOpen = true;
      return;
    }
    const binary = typeof data !== "string";
    const length = binary ? data.byteLength : data.length;
    const intact = binary ? data.every((b, i) => b === i % 251) : /^x*$/.test(data);
    report("echo", { type: binary ? "binary" : "text", length, intact });
    echoed = true;
  });

  if (await waitFor(() => socket.readyState === "open", 5000, "open")) {
    const payload = kind === "text" ? "x".repeat(size) : Uint8Array.from({ length: size }, (_, i) => i % 251);
    report("sent", { type: kind, length: size, transport: socket.transport.name });
    socket.send(payload);
    await waitFor(() => echoed || socket.readyState === "closed", 10000, "echo or close");
    if (echoed) {
      // The session should still work after a message at the limit.
      socket.send("still-open");
      await waitFor(() => stillOpen || socket.readyState === "closed", 10000, "the echo of still-open");
    }
  }
  await finish(socket);
});
