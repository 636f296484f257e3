using System.Net;
using System.Net.WebSockets;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

/// <summary>
/// The Engine.IO v3 heartbeat on a hand-driven clock: the client pings, the server answers, and a client silent for
/// the ping interval plus the ping timeout (300 + 200 ms here) is dropped, on either transport.
/// </summary>
public sealed class Eio3HeartbeatTests(ITestOutputHelper output)
{
    private static Task<Eio3Client> StartOnClockAsync(ITestOutputHelper output, ManualTimeProvider clock)
        => Eio3Client.StartAsync(output, o => (o.TimeProvider, o.PingInterval) = (clock, TimeSpan.FromMilliseconds(300)));

    [Fact]
    public async Task Polling_client_pings_are_answered_and_each_moves_the_deadline()
    {
        var clock = new ManualTimeProvider();
        await using var client = await StartOnClockAsync(output, clock);
        var (sid, _, session) = await client.HandshakeAsync();
        for (var round = 0; round < 3; round++)
        {
            // Each ping comes 400 ms after the last: past the first deadline (500 ms after the open) by the third.
            clock.Advance(TimeSpan.FromMilliseconds(400));
            Assert.Equal((HttpStatusCode.OK, "ok"), await client.SendAsync(sid, "1:2"));
            Assert.Equal((HttpStatusCode.OK, "1:3"), await client.PollAsync(sid));
        }

        Assert.True(session.Connection.IsOpen);
    }

    [Fact]
    public async Task The_server_never_pings_a_v3_client()
    {
        var clock = new ManualTimeProvider();
        await using var client = await StartOnClockAsync(output, clock);
        var (sid, _, _) = await client.HandshakeAsync();
        var pending = client.PollAsync(sid);
        await client.Server.WaitForPendingGetAsync(sid);

        // A v4 session would have had its ping at 300 ms; here the held GET brings only the echo.
        clock.Advance(TimeSpan.FromMilliseconds(450));
        Assert.Equal((HttpStatusCode.OK, "ok"), await client.SendAsync(sid, "6:4hello"));
        Assert.Equal((HttpStatusCode.OK, "6:4hello"), await pending);
    }

    [Fact]
    public async Task A_silent_polling_session_is_gone_exactly_at_interval_plus_timeout()
    {
        var clock = new ManualTimeProvider();
        await using var client = await StartOnClockAsync(output, clock);
        var (sid, _, session) = await client.HandshakeAsync();

        // Messages are not heartbeats: only a ping moves the deadline.
        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal((HttpStatusCode.OK, "ok"), await client.SendAsync(sid, "6:4alive"));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal((HttpStatusCode.BadRequest, """{"code":1,"message":"Session ID unknown"}"""), await client.SendAsync(sid, "1:2"));
        Assert.Equal(EngineCloseReasons.PingTimeout, await session.Closed.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task A_client_pong_is_the_wrong_direction_and_closes_the_session()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, _, session) = await client.HandshakeAsync();
        await client.SendAsync(sid, "1:3");
        Assert.Equal(EngineCloseReasons.TransportError, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PollAsync(sid)).Status);
    }

    [Fact]
    public async Task A_probe_ping_on_an_established_session_is_answered_with_the_probe()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, _, _) = await client.HandshakeAsync();
        Assert.Equal((HttpStatusCode.OK, "ok"), await client.SendAsync(sid, "6:2probe"));
        Assert.Equal((HttpStatusCode.OK, "6:3probe"), await client.PollAsync(sid));
    }

    [Fact]
    public async Task WebSocket_pings_are_answered_and_a_silent_websocket_is_closed()
    {
        var clock = new ManualTimeProvider();
        await using var client = await StartOnClockAsync(output, clock);
        using var socket = await client.ConnectWebSocketAsync("transport=websocket");
        Assert.StartsWith("0{", await socket.ReceiveTextAsync(), StringComparison.Ordinal);
        var session = await client.Server.Handler.NextSessionAsync();
        clock.Advance(TimeSpan.FromMilliseconds(400));
        await socket.SendTextAsync("2");
        Assert.Equal("3", await socket.ReceiveTextAsync());

        // The answered ping moved the deadline to 400 + 500 ms.
        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.True(session.Connection.IsOpen);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.ReceiveCloseAsync());
        Assert.Equal(EngineCloseReasons.PingTimeout, await session.Closed.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task An_upgraded_session_that_stops_pinging_is_closed()
    {
        var clock = new ManualTimeProvider();
        await using var client = await StartOnClockAsync(output, clock);
        var (sid, _, session) = await client.HandshakeAsync();
        using var socket = await client.UpgradeAsync(sid);
        await socket.SendTextAsync("4upgraded");
        Assert.Equal("4upgraded", await socket.ReceiveTextAsync());
        Assert.Equal("websocket", session.Connection.Transport);

        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.ReceiveCloseAsync());
        Assert.Equal(EngineCloseReasons.PingTimeout, await session.Closed.WaitAsync(TestTimeouts.Default));
    }
}
