using System.Diagnostics;
using System.Net;
using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.SocketIoLayer;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Diagnostics;

/// <summary>
/// A real client's session seen through OpenTelemetry's in-memory exporters: the Engine.IO and Socket.IO metrics,
/// the handshake, connect and event spans, each with the attributes operations.md lists.
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class MetricsAndSpansTests(ITestOutputHelper output)
{
    private const string Nsp = "/telemetry";

    [Fact]
    public async Task A_session_shows_in_the_metrics_and_spans()
    {
        var telemetry = new ExportedTelemetry();
        var duringSession = new TaskCompletionSource<(long Sockets, long Connections, long Buffered)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var disconnected = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io =>
            {
                var nsp = io.Of(Nsp);
                nsp.Use((socket, next) => socket.Handshake.Auth.TryGetProperty("refuse", out _) ? throw new SocketIoConnectException("not you") : next());
                nsp.OnConnection(socket =>
                {
                    socket.OnDisconnect(reason => disconnected.TrySetResult(reason));
                    socket.On("echo", (string text) => text);
                    socket.On("fail", new Action(() => throw new InvalidOperationException("the handler failed")));
                    socket.On("start", async () =>
                    {
                        await socket.EmitWithAckAsync("question");
                        await Assert.ThrowsAsync<TimeoutException>(() => socket.Timeout(TimeSpan.FromMilliseconds(200)).EmitWithAckAsync("silence"));
                        await nsp.EmitAsync("news", 1);
                        duringSession.TrySetResult((
                            telemetry.Total("socketio.server.active_sockets", ("socketio.namespace", Nsp)),
                            telemetry.Total("engineio.server.active_connections", ("engineio.transport", "websocket"), ("engineio.protocol.version", "4")),
                            telemetry.Total("engineio.server.buffered_bytes")));
                        socket.Emit("finished");
                    });
                });
            },
            options => options.TraceEvents = true,
            builder: telemetry.AddTo);
        telemetry.Attach(server.Host.Services);

        // Refused before any session: an unsupported protocol revision; and a request for a session that does not exist.
        using (var http = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(server.Host.Url("socket.io/?EIO=5&transport=polling"))).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(server.Host.Url("socket.io/?EIO=4&transport=polling&sid=nope"))).StatusCode);
        }

        var result = await server.RunAsync(
            new { op = "connect", client = "refused", nsp = Nsp, auth = new { refuse = true } },
            new { op = "connect", nsp = Nsp },
            new { op = "emitWithAck", @event = "echo", args = new object[] { "hello" } },
            new { op = "emit", @event = "fail" },
            new { op = "replyAck", @event = "question", reply = new object[] { "yes" } },
            new { op = "ignore", @event = "silence" },
            new { op = "emit", @event = "start" },
            new { op = "wait", @event = "finished" },
            new { op = "closeEngine" });
        Assert.False(result.Connect("refused").GetProperty("ok").GetBoolean());
        var socketId = result.Connect().GetProperty("sid").GetString();
        Assert.Equal(SocketIoDisconnectReasons.TransportClose, await disconnected.Task.WaitAsync(TestTimeouts.Default));

        // Engine.IO: two WebSocket handshakes, one refused handshake by reason, one rejected request, traffic both ways,
        // and the session that closed, by close reason.
        Assert.Equal(2, telemetry.Total("engineio.server.handshakes", ("engineio.transport", "websocket"), ("engineio.protocol.version", "4"), ("error.type", null)));
        Assert.Equal(1, telemetry.Total("engineio.server.handshakes", ("engineio.transport", "polling"), ("error.type", "unsupported_protocol_version")));
        Assert.Equal(1, telemetry.Total("engineio.server.rejected_requests", ("error.type", "unknown_sid")));
        foreach (var direction in new[] { "receive", "transmit" })
        {
            Assert.True(telemetry.Total("engineio.server.packets", ("network.io.direction", direction), ("engineio.transport", "websocket")) >= 5, direction);
            Assert.True(telemetry.Total("engineio.server.io", ("network.io.direction", direction), ("engineio.transport", "websocket")) >= 20, direction);
        }

        Assert.True(telemetry.Total("engineio.server.connection.duration", ("engineio.transport", "websocket"), ("engineio.close.reason", "transport close")) >= 1);

        // Socket.IO: the gauges while the socket was connected, then its connect, its disconnect and its acknowledgements.
        var during = await duringSession.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal(1, during.Sockets);
        Assert.True(during.Connections >= 1, $"open connections {during.Connections}");
        Assert.True(during.Buffered >= 0);
        Assert.Equal(0, telemetry.Total("socketio.server.active_sockets", ("socketio.namespace", Nsp)));
        Assert.Equal(1, telemetry.Total("socketio.server.connect.duration", ("socketio.namespace", Nsp), ("error.type", null)));
        Assert.Equal(1, telemetry.Total("socketio.server.connect.duration", ("socketio.namespace", Nsp), ("error.type", "refused")));
        Assert.Equal(1, telemetry.Total("socketio.server.socket.duration", ("socketio.namespace", Nsp), ("socketio.disconnect.reason", "transport close")));
        Assert.Equal(1, telemetry.Total("socketio.server.ack.duration", ("socketio.namespace", Nsp)));
        Assert.Equal(1, telemetry.Total("socketio.server.ack.timeouts", ("socketio.namespace", Nsp), ("socketio.ack.kind", "emit")));
        Assert.Equal(1, telemetry.Total("socketio.adapter.broadcasts", ("socketio.namespace", Nsp)));
        Assert.Equal(1, telemetry.Total("socketio.adapter.broadcast.recipients", ("socketio.namespace", Nsp)));

        // Spans: each handshake, each connect (the refused one failed), each event with its name and socket.
        var spans = telemetry.Spans;
        var handshakes = spans.Where(s => s.OperationName == "SocketIo.Engine.Handshake").ToArray();
        Assert.Equal(2, handshakes.Length);
        Assert.All(handshakes, h => Assert.NotNull(h.GetTagItem("engineio.connection.id")));
        var connects = spans.Where(s => s.OperationName == "SocketIo.Server.Connect" && (string?)s.GetTagItem("socketio.namespace") == Nsp).ToArray();
        Assert.Equal(2, connects.Length);
        Assert.All(connects, c => Assert.Equal("connect " + Nsp, c.DisplayName));
        var connected = Assert.Single(connects, c => c.Status != ActivityStatusCode.Error);
        Assert.Equal(socketId, connected.GetTagItem("socketio.socket.id"));
        Assert.Equal(default, connected.ParentSpanId);
        Assert.Equal("refused", Assert.Single(connects, c => c.Status == ActivityStatusCode.Error).GetTagItem("error.type"));

        var events = spans.Where(s => s.OperationName == "SocketIo.Server.Event").ToArray();
        var echo = Assert.Single(events, e => (string?)e.GetTagItem("socketio.event.name") == "echo");
        Assert.Equal("echo " + Nsp, echo.DisplayName);
        Assert.Equal(socketId, echo.GetTagItem("socketio.socket.id"));
        Assert.Equal(Nsp, echo.GetTagItem("socketio.namespace"));
        var failed = Assert.Single(events, e => (string?)e.GetTagItem("socketio.event.name") == "fail");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.GetTagItem("error.type"));
        Assert.Single(events, e => (string?)e.GetTagItem("socketio.event.name") == "start");
    }

    [Fact]
    public async Task Events_get_no_span_unless_asked_and_dynamic_children_count_under_their_parent()
    {
        var telemetry = new ExportedTelemetry();
        ParentNamespace? parent = null;
        var counted = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io =>
            {
                parent = io.Of(new System.Text.RegularExpressions.Regex("^/room-\\d+$"));
                // Answered with an acknowledgement, which the script waits for: client b stays connected until the
                // count is read (a plain emit let the script end and b leave while a's event was still on its way).
                parent.OnConnection(socket => socket.On("count", () =>
                {
                    var total = telemetry.Total("socketio.server.active_sockets", ("socketio.namespace", parent!.Name));
                    counted.TrySetResult(total);
                    return total;
                }));
            },
            builder: telemetry.AddTo);
        telemetry.Attach(server.Host.Services);

        await server.RunAsync(
            new { op = "connect", nsp = "/room-1" },
            new { op = "connect", client = "b", nsp = "/room-2" },
            new { op = "emitWithAck", @event = "count" });

        Assert.Equal(2, await counted.Task.WaitAsync(TestTimeouts.Default));
        // A connect is measured once its connection handlers finished, which can be just after the client saw its
        // CONNECT reply and emitted: wait for both connect spans (each ends right after its duration is recorded).
        await Engine.EngineTestServer.WaitUntilAsync(() => telemetry.Spans.Count(s => s.OperationName == "SocketIo.Server.Connect") >= 2);
        Assert.Equal(2, telemetry.Total("socketio.server.connect.duration", ("socketio.namespace", parent!.Name), ("error.type", null)));
        Assert.Equal(0, telemetry.Total("socketio.server.connect.duration", ("socketio.namespace", "/room-1")));
        Assert.DoesNotContain(telemetry.Spans, s => s.OperationName == "SocketIo.Server.Event");
        Assert.Equal(2, telemetry.Spans.Count(s => s.OperationName == "SocketIo.Server.Connect" && s.DisplayName == "connect " + parent.Name));
    }
}
