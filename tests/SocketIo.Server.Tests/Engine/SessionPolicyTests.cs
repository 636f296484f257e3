using System.Net;
using System.Net.WebSockets;
using SocketIo.Protocol.Engine;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

public sealed class SessionPolicyTests(ITestOutputHelper output)
{
    private static EngineFrame Text(string packet) => EngineFrame.Text(System.Text.Encoding.UTF8.GetBytes(packet));

    [Fact]
    public async Task Volatile_frames_are_dropped_unless_a_get_is_waiting()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        var (sid, session) = await server.HandshakeAsync();

        // No GET waiting: dropped.
        Assert.Equal(EngineSendResult.DroppedVolatile, session.Connection.Send([Text("4v1")], isVolatile: true));

        var pending = server.PollAsync(sid);
        await server.WaitForPendingGetAsync(sid);
        Assert.Equal(EngineSendResult.Queued, session.Connection.Send([Text("4v2")], isVolatile: true));
        Assert.Equal((HttpStatusCode.OK, "4v2"), await pending);

        // Something already queued: a volatile frame would have to wait, so it is dropped.
        Assert.Equal(EngineSendResult.Queued, session.Connection.Send([Text("4n")]));
        Assert.Equal(EngineSendResult.DroppedVolatile, session.Connection.Send([Text("4v3")], isVolatile: true));
        Assert.Equal((HttpStatusCode.OK, "4n"), await server.PollAsync(sid));
    }

    [Fact]
    public async Task Volatile_frames_reach_an_idle_websocket()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        var session = await server.Handler.NextSessionAsync();

        // The writer goes idle once the open packet is written; wait for that state rather than for time.
        var result = EngineSendResult.DroppedVolatile;
        await EngineTestServer.WaitUntilAsync(() =>
            (result = session.Connection.Send([Text("4volatile")], isVolatile: true)) == EngineSendResult.Queued);
        Assert.Equal("4volatile", await socket.ReceiveTextAsync());
    }

    [Fact]
    public async Task A_send_past_the_byte_bound_closes_the_session_with_one_log_line()
    {
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.MaxHttpBufferSize = 1000;
            o.MaxBufferedBytes = 1000;
            o.PingInterval = TimeSpan.FromMinutes(1);
        });
        var (sid, session) = await server.HandshakeAsync();
        var chunk = "4" + new string('x', 299);

        // Three frames of 300 bytes (plus the per-frame overhead) fit in 1,000 bytes; a fourth does not.
        Assert.Equal(EngineSendResult.Queued, session.Connection.Send([Text(chunk), Text(chunk)]));
        Assert.Equal(2 * (300 + 64), session.Connection.BufferedBytes);
        Assert.Equal(EngineSendResult.DroppedVolatile, session.Connection.Send([Text(chunk), Text(chunk)], isVolatile: true));
        Assert.True(session.Connection.IsOpen);
        Assert.Equal(EngineSendResult.Overflow, session.Connection.Send([Text(chunk), Text(chunk)]));
        Assert.Equal(EngineCloseReasons.OutboundBufferFull, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal(0, session.Connection.BufferedBytes);
        Assert.Equal(EngineSendResult.Closed, session.Connection.Send([Text("4e")]));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PollAsync(sid)).Status);
        Assert.Single(server.Host.Logs, l => l.Contains("outbound buffer limit of 1000 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_send_into_an_empty_buffer_always_fits()
    {
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.MaxHttpBufferSize = 1000;
            o.MaxBufferedBytes = 1000;
            o.PingInterval = TimeSpan.FromMinutes(1);
        });
        var (sid, session) = await server.HandshakeAsync();
        var big = "4" + new string('y', 4999);
        Assert.Equal(EngineSendResult.Queued, session.Connection.Send([Text(big)]));
        Assert.Equal((HttpStatusCode.OK, big), await server.PollAsync(sid));
        Assert.Equal(0, session.Connection.BufferedBytes);
        Assert.True(session.Connection.IsOpen);
    }

    [Fact]
    public async Task A_producer_waits_for_the_buffer_to_drain()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        var (sid, session) = await server.HandshakeAsync();
        Assert.True(await session.Connection.WaitForDrainAsync(0).AsTask().WaitAsync(TestTimeouts.Default));
        session.Connection.Send([Text("4one"), Text("4two")]);
        var waiting = session.Connection.WaitForDrainAsync(0).AsTask();
        using var cancelled = new CancellationTokenSource();
        var cancelledWait = session.Connection.WaitForDrainAsync(0, cancelled.Token).AsTask();
        Assert.False(waiting.IsCompleted);
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelledWait.WaitAsync(TestTimeouts.Default));

        Assert.Equal((HttpStatusCode.OK, "4one\u001e4two"), await server.PollAsync(sid));
        Assert.True(await waiting.WaitAsync(TestTimeouts.Default));

        // A session that closes releases its waiters with false.
        session.Connection.Send([Text("4three")]);
        var closing = session.Connection.WaitForDrainAsync(0).AsTask();
        session.Connection.Close();
        Assert.False(await closing.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task A_group_stays_adjacent()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        var (sid, session) = await server.HandshakeAsync();
        var senders = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            for (var j = 0; j < 50; j++)
            {
                session.Connection.Send([Text($"4h{i}"), EngineFrame.Binary(new[] { (byte)i })]);
            }
        })).ToArray();
        await Task.WhenAll(senders).WaitAsync(TestTimeouts.Default);
        var (_, body) = await server.PollAsync(sid);
        var parts = body.Split('\u001e');
        Assert.Equal(800, parts.Length);
        for (var k = 0; k < parts.Length; k += 2)
        {
            var i = int.Parse(parts[k][2..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("b" + Convert.ToBase64String([(byte)i]), parts[k + 1]);
        }
    }

    [Fact]
    public async Task Server_close_over_polling_flushes_then_sends_close_in_a_response_of_its_own()
    {
        // The close waits for the next GET at most the ping timeout: generous here, so a slow client still gets it.
        // As with Node, the close packet does not share a response with the packets before it.
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingTimeout = TimeSpan.FromSeconds(10));
        var (sid, session) = await server.HandshakeAsync();
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "4before\u001e4cmd:close\u001e4dropped"));
        Assert.Equal((HttpStatusCode.OK, "4before"), await server.PollAsync(sid));
        Assert.Equal((HttpStatusCode.OK, "1"), await server.PollAsync(sid));
        Assert.Equal(EngineCloseReasons.ForcedClose, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PollAsync(sid)).Status);
        Assert.DoesNotContain("dropped", session.Messages);
        Assert.Equal(1, session.CloseCount);
    }

    [Fact]
    public async Task Server_close_releases_a_pending_get_with_close()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        var (sid, session) = await server.HandshakeAsync();
        var pending = server.PollAsync(sid);
        await server.WaitForPendingGetAsync(sid);
        session.Connection.Close("custom reason");
        Assert.Equal((HttpStatusCode.OK, "1"), await pending);
        Assert.Equal("custom reason", await session.Closed.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Graceful_shutdown_closes_every_session()
    {
        var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        RecordingHandler.Session polling, idle;
        Task<(HttpStatusCode, string)> pending;
        ClientWebSocket socket;
        try
        {
            var (sid, s1) = await server.HandshakeAsync();
            polling = s1;
            pending = server.PollAsync(sid);
            await server.WaitForPendingGetAsync(sid);
            (_, idle) = await server.HandshakeAsync();
            socket = await server.ConnectWebSocketAsync("transport=websocket");
            await socket.ReceiveTextAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        var ws = await server.Handler.NextSessionAsync();
        var closeFrames = Task.Run(async () => (await socket.ReceiveTextAsync(), await socket.ReceiveCloseAsync()));
        // Stop the host only: the client must stay alive to read what the shutdown sends.
        await server.Host.DisposeAsync();

        Assert.Equal((HttpStatusCode.OK, "1"), await pending);
        Assert.Equal(("1", (WebSocketCloseStatus?)WebSocketCloseStatus.NormalClosure), await closeFrames.WaitAsync(TestTimeouts.Default));
        Assert.Equal(EngineCloseReasons.ServerShuttingDown, await polling.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal(EngineCloseReasons.ServerShuttingDown, await idle.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal(EngineCloseReasons.ServerShuttingDown, await ws.Closed.WaitAsync(TestTimeouts.Default));
        socket.Dispose();
        server.Dispose();
    }
}
