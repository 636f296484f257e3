using System.Net;
using System.Net.WebSockets;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

public sealed class UpgradeTests(ITestOutputHelper output)
{
    private static Action<EngineIoOptions> NoPing => o => o.PingInterval = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Full_upgrade_sequence()
    {
        await using var server = await EngineTestServer.StartAsync(output, NoPing);
        var (sid, session) = await server.HandshakeAsync();
        using var socket = await server.ConnectWebSocketAsync("transport=websocket&sid=" + sid);

        await socket.SendTextAsync("2probe");
        Assert.Equal("3probe", await socket.ReceiveTextAsync());

        // Between the probe and the upgrade, a GET with nothing to take is released with a noop within 100 ms.
        Assert.Equal((HttpStatusCode.OK, "6"), await server.PollAsync(sid));

        await socket.SendTextAsync("5");
        await socket.SendTextAsync("4hello");
        Assert.Equal("4hello", await socket.ReceiveTextAsync());
        Assert.Equal("websocket", session.Connection.Transport);

        Assert.Equal((HttpStatusCode.BadRequest, """{"code":3,"message":"Bad request"}"""), await server.PollAsync(sid));
        Assert.Equal((HttpStatusCode.BadRequest, """{"code":3,"message":"Bad request"}"""), await server.SendAsync(sid, "4x"));

        // A second WebSocket for the sid is accepted, then closed; the first keeps working.
        using (var second = await server.ConnectWebSocketAsync("transport=websocket&sid=" + sid))
        {
            Assert.Equal(HttpStatusCode.SwitchingProtocols, second.HttpStatusCode);
            await second.ReceiveCloseAsync();
        }

        await socket.SendTextAsync("4still");
        Assert.Equal("4still", await socket.ReceiveTextAsync());
        Assert.True(session.Connection.IsOpen);
    }

    [Fact]
    public async Task A_pending_get_is_released_during_the_upgrade_and_nothing_is_lost()
    {
        await using var server = await EngineTestServer.StartAsync(output, NoPing);
        var (sid, session) = await server.HandshakeAsync();
        var pending = server.PollAsync(sid);
        await server.WaitForPendingGetAsync(sid);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket&sid=" + sid);

        // Probe and upgrade back to back.
        await socket.SendTextAsync("2probe");
        Assert.Equal((HttpStatusCode.OK, "6"), await pending);

        // Frames sent once polling has paused wait for the WebSocket, in order.
        for (var i = 0; i < 20; i++)
        {
            session.Connection.Send([Protocol.Engine.EngineFrame.Text(System.Text.Encoding.UTF8.GetBytes("4m" + i))]);
        }

        await socket.SendTextAsync("5");
        Assert.Equal("3probe", await socket.ReceiveTextAsync());
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("4m" + i, await socket.ReceiveTextAsync());
        }
    }

    [Fact]
    public async Task During_an_upgrade_frames_still_reach_a_waiting_get_and_an_idle_get_gets_a_noop_at_the_interval()
    {
        // Node's order for a client that connects and emits at once: open, CONNECT reply, ack — no noop first.
        var clock = new ManualTimeProvider();
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.PingInterval = TimeSpan.FromMinutes(1);
            o.TimeProvider = clock;
        });
        var (sid, session) = await server.HandshakeAsync();
        var pending = server.PollAsync(sid);
        await server.WaitForPendingGetAsync(sid);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket&sid=" + sid);
        await socket.SendTextAsync("2probe");
        Assert.Equal("3probe", await socket.ReceiveTextAsync());
        Assert.False(pending.IsCompleted);

        session.Connection.Send([Protocol.Engine.EngineFrame.Text("4reply"u8.ToArray())]);
        Assert.Equal((HttpStatusCode.OK, "4reply"), await pending);

        var idle = server.PollAsync(sid);
        await server.WaitForPendingGetAsync(sid);
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(idle.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal((HttpStatusCode.OK, "6"), await idle);

        await socket.SendTextAsync("5");
        await socket.SendTextAsync("4hello");
        Assert.Equal("4hello", await socket.ReceiveTextAsync());
    }

    [Fact]
    public async Task Probe_and_upgrade_back_to_back()
    {
        await using var server = await EngineTestServer.StartAsync(output, NoPing);
        var (sid, session) = await server.HandshakeAsync();
        using var socket = await server.ConnectWebSocketAsync("transport=websocket&sid=" + sid);
        await socket.SendTextAsync("2probe");
        await socket.SendTextAsync("5");
        await socket.SendTextAsync("4hi");
        Assert.Equal("3probe", await socket.ReceiveTextAsync());
        Assert.Equal("4hi", await socket.ReceiveTextAsync());
        Assert.Equal("websocket", session.Connection.Transport);
    }

    [Fact]
    public async Task A_first_frame_other_than_the_probe_closes_that_websocket_only()
    {
        await using var server = await EngineTestServer.StartAsync(output, NoPing);
        var (sid, session) = await server.HandshakeAsync();
        using (var socket = await server.ConnectWebSocketAsync("transport=websocket&sid=" + sid))
        {
            await socket.SendTextAsync("4hello");
            await socket.ReceiveCloseAsync();
        }

        Assert.True(session.Connection.IsOpen);
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "4polling"));
        Assert.Equal((HttpStatusCode.OK, "4polling"), await server.PollAsync(sid));
        Assert.Equal("polling", session.Connection.Transport);
    }

    [Fact]
    public async Task An_upgrade_that_never_completes_times_out_and_polling_goes_on()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.TimeProvider = clock;
            o.UpgradeTimeout = TimeSpan.FromSeconds(10);
        });
        var (sid, session) = await server.HandshakeAsync();
        using (var socket = await server.ConnectWebSocketAsync("transport=websocket&sid=" + sid))
        {
            await socket.SendTextAsync("2probe");
            Assert.Equal("3probe", await socket.ReceiveTextAsync());
            clock.Advance(TimeSpan.FromSeconds(10));
            await socket.ReceiveCloseAsync();
        }

        session.Connection.Send([Protocol.Engine.EngineFrame.Text("4queued"u8.ToArray())]);
        Assert.Equal((HttpStatusCode.OK, "4queued"), await server.PollAsync(sid));
        Assert.True(session.Connection.IsOpen);
    }

    [Fact]
    public async Task Upgrade_with_a_wrong_sid_is_refused()
    {
        await using var server = await EngineTestServer.StartAsync(output);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(
            server.Host.WebSocketUrl(EngineTestServer.Path("transport=websocket&sid=wrong")), CancellationToken.None).WaitAsync(TestTimeouts.Default));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Client_close_over_the_upgraded_websocket()
    {
        await using var server = await EngineTestServer.StartAsync(output, NoPing);
        var (sid, session) = await server.HandshakeAsync();
        using var socket = await server.ConnectWebSocketAsync("transport=websocket&sid=" + sid);
        await socket.SendTextAsync("2probe");
        Assert.Equal("3probe", await socket.ReceiveTextAsync());
        await socket.SendTextAsync("5");
        await socket.SendTextAsync("1");
        await socket.ReceiveCloseAsync();
        Assert.Equal(EngineCloseReasons.TransportClose, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PollAsync(sid)).Status);
    }
}
