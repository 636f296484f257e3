// One Engine.IO v4 / Socket.IO v5 client over HTTP long-polling on Node's http agent. Phases: handshake GET (the
// open packet gives the sid), POST `40`, GETs until `40{…}`; then a GET loop that splits each payload on the record
// separator (\x1e), answers pings with a POST `3`, and hands every other packet to the scenario. One POST at a time,
// as Engine.IO requires.
import http from "node:http";

const requestTimeoutMs = 60_000;

function request(agent, url, method, body) {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { "content-type": "text/plain;charset=UTF-8", "content-length": Buffer.byteLength(body) };
    const req = http.request(url, { agent, method, headers }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        if (res.statusCode !== 200) {
          reject(new Error(`HTTP ${res.statusCode}: ${text}`));
        } else {
          resolve(text);
        }
      });
      res.on("error", reject);
    });
    req.setTimeout(requestTimeoutMs, () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    req.end(body);
  });
}

export class PollingClient {
  constructor(agent, url) {
    this.agent = agent;
    this.url = url;
    this.post = Promise.resolve();
    this.counter = 0;
    this.stamp = 0;
  }

  static async connect(agent, pollingUrl) {
    const open = await request(agent, pollingUrl, "GET");
    const sid = /"sid":"([^"]+)"/.exec(open)?.[1];
    if (!open.startsWith("0") || !sid) {
      throw new Error(`expected the open packet, got ${open}`);
    }
    const client = new PollingClient(agent, `${pollingUrl}&sid=${encodeURIComponent(sid)}`);
    await request(agent, client.url, "POST", "40");
    for (let i = 0; i < 10; i++) {
      const packets = (await request(agent, client.url, "GET")).split("\x1e");
      if (packets.some((p) => p.startsWith("40"))) {
        return client;
      }
    }
    throw new Error("no CONNECT reply");
  }

  /** Queues one packet behind the POST in flight without waiting, as the real client does. */
  send(packet) {
    this.post = this.post.then(() => request(this.agent, this.url, "POST", packet)).catch(() => {
      // The GET loop notices a closed session.
    });
  }

  /**
   * Long-polls until the session closes, a request fails or `isStopped()` says so. Resolves to why it ended early, or
   * to null when it ended because it was stopped.
   */
  async run(onPacket, isStopped) {
    try {
      while (!isStopped()) {
        const payload = await request(this.agent, this.url, "GET");
        for (const packet of payload.split("\x1e")) {
          if (packet === "2") {
            this.send("3");
          } else if (packet === "1") {
            return isStopped() ? null : "the server closed the session";
          } else {
            onPacket(this, packet);
          }
        }
      }
      return null;
    } catch (error) {
      return isStopped() ? null : `a GET failed: ${error.message}`;
    }
  }
}
