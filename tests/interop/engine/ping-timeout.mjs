// A client that stops answering pings: pings are dropped before the client sees them (so no pong goes out), and the
// client's own heartbeat timer is disabled so that the server, not the client, ends the session. The server should
// close it with "ping timeout" about pingInterval + pingTimeout after the open; this reports the client-side close.
// Usage: node ping-timeout.mjs <server url> <polling|websocket>
import { Socket } from "engine.io-client";
import { connect, finish, parseArgs, report, run, transportsFor, within } from "./lib.mjs";

class DeafSocket extends Socket {
  _onPacket(packet) {
    if (packet.type === "ping") {
      report("ping-ignored", { transport: this.transport.name });
      return;
    }
    super._onPacket(packet);
  }

  _resetPingTimeout() {
    // No client-side heartbeat deadline: waiting for the server to give up is the point.
  }
}

run(async () => {
  const target = parseArgs();
  const transport = target.args[0] ?? "websocket";
  const opened = Date.now();
  const { socket, closed } = connect(target, { transports: transportsFor(transport) }, { SocketClass: DeafSocket });
  const reason = await within(closed, 10000, "close by the server");
  if (reason !== undefined) {
    report("closed-after", { ms: Date.now() - opened });
  }
  await finish(socket);
});
