using System.Net;
using System.Net.WebSockets;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

/// <summary>
/// Heartbeats on a hand-driven clock (ping every 300 ms, pong within 200 ms, as in the conformance suites): the clock
/// moves only when the test says, so a busy machine cannot make a pong late or a ping early.
/// </summary>
public sealed class HeartbeatTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Polling_ping_pong_rounds_keep_the_session()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EngineTestServer.StartOnClockAsync(output, clock);
        var (sid, session) = await server.HandshakeAsync();
        for (var round = 0; round < 3; round++)
        {
            await server.AssertPingAfterAsync(clock, sid, TimeSpan.FromMilliseconds(300));
            clock.Advance(TimeSpan.FromMilliseconds(199));
            Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "3"));
        }

        Assert.True(session.Connection.IsOpen);
    }

    [Fact]
    public async Task Polling_without_pong_times_out_and_the_sid_is_gone()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EngineTestServer.StartOnClockAsync(output, clock);
        var (sid, session) = await server.HandshakeAsync();
        await server.AssertPingAfterAsync(clock, sid, TimeSpan.FromMilliseconds(300));

        clock.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal(EngineCloseReasons.PingTimeout, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal((HttpStatusCode.BadRequest, """{"code":1,"message":"Session ID unknown"}"""), await server.PollAsync(sid));
    }

    [Fact]
    public async Task A_pending_get_is_answered_when_the_ping_times_out()
    {
        // The GET must be waiting when the deadline passes.
        var clock = new ManualTimeProvider();
        await using var server = await EngineTestServer.StartOnClockAsync(output, clock);
        var (sid, session) = await server.HandshakeAsync();
        await server.AssertPingAfterAsync(clock, sid, TimeSpan.FromMilliseconds(300));
        var pending = server.PollAsync(sid);
        await server.WaitForPendingGetAsync(sid);
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal((HttpStatusCode.OK, "1"), await pending);
        Assert.Equal(EngineCloseReasons.PingTimeout, await session.Closed.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task WebSocket_ping_pong_rounds_keep_the_session()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EngineTestServer.StartOnClockAsync(output, clock);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        Assert.StartsWith("0{", await socket.ReceiveTextAsync(), StringComparison.Ordinal);
        var session = await server.Handler.NextSessionAsync();
        for (var round = 0; round < 3; round++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(300));
            Assert.Equal("2", await socket.ReceiveTextAsync());
            clock.Advance(TimeSpan.FromMilliseconds(199));
            await socket.SendTextAsync("3");

            // The echo of a message sent after the pong proves the server read the pong before the clock moves on.
            await socket.SendTextAsync($"4round {round}");
            Assert.Equal($"4round {round}", await socket.ReceiveTextAsync());
        }

        Assert.True(session.Connection.IsOpen);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task WebSocket_without_pong_times_out()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EngineTestServer.StartOnClockAsync(output, clock);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        Assert.StartsWith("0{", await socket.ReceiveTextAsync(), StringComparison.Ordinal);
        var session = await server.Handler.NextSessionAsync();
        clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal("2", await socket.ReceiveTextAsync());

        clock.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.ReceiveCloseAsync());
        Assert.Equal(EngineCloseReasons.PingTimeout, await session.Closed.WaitAsync(TestTimeouts.Default));
    }
}
