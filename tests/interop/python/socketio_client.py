"""Debian's python3-socketio client (python-socketio 5.x: Socket.IO protocol v5, Engine.IO v4) against our server.

Usage: python3 python/socketio_client.py <server url> <polling|websocket>
Connects to / with an auth payload, calls `sum` with an ack, emits `greet` and waits for `greeting`, answers the
server's `question` through its handler's return value, then disconnects. Prints one JSON line per observation
(`op`: connect, ack, event, error, done), like the Node drivers, and exits 0 whenever the scenario ran.
Every wait is bounded.
"""
import json
import sys
import threading

import socketio

TIMEOUT = 10


def report(**fields):
    print(json.dumps(fields, separators=(",", ":"), ensure_ascii=False), flush=True)


def main():
    url, transport = sys.argv[1], sys.argv[2]
    sio = socketio.Client(reconnection=False)
    greeted = threading.Event()

    @sio.on("greeting")
    def on_greeting(*args):
        report(op="event", event="greeting", args=list(args))
        greeted.set()

    @sio.on("question")
    def on_question(*args):
        report(op="event", event="question", args=list(args))
        return "from python"

    try:
        sio.connect(url, transports=[transport], auth={"lang": "python"}, wait_timeout=TIMEOUT)
        report(op="connect", ok=True, sid=sio.get_sid(), transport=sio.transport())
        report(op="ack", event="sum", args=[sio.call("sum", (2, 3), timeout=TIMEOUT)])
        sio.emit("greet", "py")
        if not greeted.wait(TIMEOUT):
            report(op="error", message="no greeting within the timeout")
    except Exception as error:  # noqa: BLE001 - every failure is an observation for the C# test
        report(op="error", message=f"{type(error).__name__}: {error}")
    finally:
        if sio.connected:
            sio.disconnect()
    report(op="done")


if __name__ == "__main__":
    main()
