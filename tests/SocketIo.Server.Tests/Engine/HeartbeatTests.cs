using System.Net;
using System.Net.WebSockets;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

public sealed class HeartbeatTests(ITestOutputHelper output)
{
    private static Action<SocketIo.Engine.EngineIoOptions> Short =>
        o => (o.PingInterval, o.PingTimeout) = (TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task Polling_ping_pong_rounds_keep_the_session()
    {
        // A generous timeout: on a loaded machine the client must always manage to answer in time.
        await using var server = await EngineTestServer.StartAsync(output, o => (o.PingInterval, o.PingTimeout) = (TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5)));
        var (sid, session) = await server.HandshakeAsync();
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal((HttpStatusCode.OK, "2"), await server.PollAsync(sid));
            Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "3"));
        }

        Assert.True(session.Connection.IsOpen);
    }

    [Fact]
    public async Task Polling_without_pong_times_out_and_the_sid_is_gone()
    {
        await using var server = await EngineTestServer.StartAsync(output, Short);
        var (sid, session) = await server.HandshakeAsync();
        Assert.Equal(EngineCloseReasons.PingTimeout, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal((HttpStatusCode.BadRequest, """{"code":1,"message":"Session ID unknown"}"""), await server.PollAsync(sid));
    }

    [Fact]
    public async Task A_pending_get_is_answered_when_the_ping_times_out()
    {
        // On a hand-driven clock: the GET must be waiting when the deadline passes, whatever the machine's load.
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
        await using var server = await EngineTestServer.StartAsync(output, o => (o.PingInterval, o.PingTimeout) = (TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5)));
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        Assert.StartsWith("0{", await socket.ReceiveTextAsync(), StringComparison.Ordinal);
        var session = await server.Handler.NextSessionAsync();
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal("2", await socket.ReceiveTextAsync());
            await socket.SendTextAsync("3");
        }

        Assert.True(session.Connection.IsOpen);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task WebSocket_without_pong_times_out()
    {
        await using var server = await EngineTestServer.StartAsync(output, Short);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        var session = await server.Handler.NextSessionAsync();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.ReceiveCloseAsync());
        Assert.Equal(EngineCloseReasons.PingTimeout, await session.Closed.WaitAsync(TestTimeouts.Default));
    }
}
