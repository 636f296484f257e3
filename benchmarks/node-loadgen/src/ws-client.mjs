// One Engine.IO v4 / Socket.IO v5 client over the `ws` package, frames written by hand. Phases: connect (read the
// open packet `0{…}`, send `40`, read `40{…}`), then every message goes to the scenario's callback, except pings
// (`2`), which the client answers with `3` itself.
import WebSocket from "ws";
import { startsWith } from "./frames.mjs";

const ping = 0x32; // "2"

export class WsClient {
  constructor(socket) {
    this.socket = socket;
    this.onMessage = null;
    this.closed = false;
    /** Scenario state, per client: the next ack id, the send time. */
    this.counter = 0;
    this.stamp = 0;
  }

  /**
   * Opens one client and completes the Socket.IO handshake, or rejects after `timeoutMs`. Per-message deflate is
   * not offered: both servers decline it by default, and the C# generator does not offer it either.
   */
  static connect(url, timeoutMs) {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
      const client = new WsClient(socket);
      let phase = "open";
      const fail = (error) => {
        clearTimeout(timer);
        client.close();
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error("handshake timed out")), timeoutMs);
      socket.on("error", (error) => (phase === "ready" ? undefined : fail(error)));
      socket.on("close", () => {
        client.closed = true;
        if (phase !== "ready") {
          fail(new Error("closed during the handshake"));
        }
      });
      socket.on("message", (data) => {
        if (phase === "ready") {
          if (data.length === 1 && data[0] === ping) {
            socket.send("3");
          } else if (client.onMessage) {
            client.onMessage(client, data);
          }
        } else if (phase === "open") {
          if (data[0] !== 0x30) {
            fail(new Error(`expected the open packet, got ${data}`));
            return;
          }
          phase = "connect";
          socket.send("40");
        } else if (startsWith(data, "40")) {
          phase = "ready";
          clearTimeout(timer);
          resolve(client);
        } else if (data.length === 1 && data[0] === ping) {
          socket.send("3");
        } else {
          fail(new Error(`expected CONNECT, got ${data}`));
        }
      });
    });
  }

  send(frame) {
    if (!this.closed && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(frame);
    }
  }

  close() {
    this.closed = true;
    this.socket.terminate();
  }
}
