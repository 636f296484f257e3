using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using SocketIo.Engine;
using SocketIo.Protocol.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

/// <summary>
/// A closed session is collectable at once, whatever closed it and on either transport: nothing of it stays reachable
/// from the server (its deadlines leave the timer loop, it leaves the registry). With a one-minute ping interval a
/// session kept alive by its heartbeat deadline would stay reachable for a minute, far beyond these bounded waits.
/// </summary>
public sealed class ClosedSessionMemoryTests(ITestOutputHelper output)
{
    public static TheoryData<string> PollingCloses => ["ping timeout", "client close", "server close", "parse error", "duplicate GET", "outbound buffer full", "shutdown"];

    public static TheoryData<string> WebSocketCloses => ["ping timeout", "client close packet", "client close frame", "parse error", "server close", "shutdown"];

    [Theory]
    [MemberData(nameof(PollingCloses))]
    public async Task A_closed_polling_session_is_collectable_at_once(string how)
    {
        var clock = new ManualTimeProvider();
        await using var server = await StartAsync(clock);
        var closed = await OpenAndClosePollingAsync(server, clock, how);
        await AssertCollectedAsync(closed);
        Assert.Equal(0, server.Server.Timers.Count);
    }

    [Theory]
    [MemberData(nameof(WebSocketCloses))]
    public async Task A_closed_websocket_session_is_collectable_at_once(string how)
    {
        var clock = new ManualTimeProvider();
        await using var server = await StartAsync(clock);
        var closed = await OpenAndCloseWebSocketAsync(server, clock, how);
        await AssertCollectedAsync(closed);
        Assert.Equal(0, server.Server.Timers.Count);
    }

    private Task<EngineTestServer> StartAsync(ManualTimeProvider clock) => EngineTestServer.StartAsync(output, o =>
    {
        o.TimeProvider = clock;
        o.PingInterval = TimeSpan.FromMinutes(1);
        o.PingTimeout = TimeSpan.FromSeconds(20);
        o.MaxHttpBufferSize = 1000;
        o.MaxBufferedBytes = 1000;
    });

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> OpenAndClosePollingAsync(EngineTestServer server, ManualTimeProvider clock, string how)
    {
        var (sid, session) = await server.HandshakeAsync();
        switch (how)
        {
            case "ping timeout":
                var ping = server.PollAsync(sid);
                clock.Advance(TimeSpan.FromMinutes(1));
                Assert.Equal((HttpStatusCode.OK, "2"), await ping);
                clock.Advance(TimeSpan.FromSeconds(20));
                break;
            case "client close":
                Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "1"));
                break;
            case "server close":
                session.Connection.Close();
                Assert.Equal((HttpStatusCode.OK, "1"), await server.PollAsync(sid));
                break;
            case "parse error":
                await server.SendAsync(sid, "abc");
                break;
            case "duplicate GET":
                var first = server.PollAsync(sid);
                await server.WaitForPendingGetAsync(sid);
                Assert.Equal(HttpStatusCode.BadRequest, (await server.PollAsync(sid)).Status);
                Assert.Equal((HttpStatusCode.OK, "1"), await first);
                break;
            case "outbound buffer full":
                session.Connection.Send([EngineFrame.Text(new byte[600])]);
                Assert.Equal(EngineSendResult.Overflow, session.Connection.Send([EngineFrame.Text(new byte[600])]));
                break;
            case "shutdown":
                server.Server.CloseAll(EngineCloseReasons.ServerShuttingDown);
                break;
        }

        await session.Closed.WaitAsync(TestTimeouts.Default);
        var weak = new WeakReference(session.Connection);
        server.Handler.Sessions.Clear();
        return weak;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> OpenAndCloseWebSocketAsync(EngineTestServer server, ManualTimeProvider clock, string how)
    {
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        Assert.StartsWith("0{", await socket.ReceiveTextAsync(), StringComparison.Ordinal);
        var session = await server.Handler.NextSessionAsync();
        switch (how)
        {
            case "ping timeout":
                clock.Advance(TimeSpan.FromMinutes(1));
                Assert.Equal("2", await socket.ReceiveTextAsync());
                clock.Advance(TimeSpan.FromSeconds(20));
                break;
            case "client close packet":
                await socket.SendTextAsync("1");
                break;
            case "client close frame":
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                break;
            case "parse error":
                await socket.SendTextAsync("abc");
                break;
            case "server close":
                session.Connection.Close();
                Assert.Equal("1", await socket.ReceiveTextAsync());
                break;
            case "shutdown":
                server.Server.CloseAll(EngineCloseReasons.ServerShuttingDown);
                break;
        }

        await session.Closed.WaitAsync(TestTimeouts.Default);

        // The request ends with the close handshake; until then its own task still holds the socket.
        await socket.ReceiveCloseAsync();
        await EngineTestServer.WaitUntilAsync(() => server.Server.FindSession(session.Connection.Id) is null);
        var weak = new WeakReference(session.Connection);
        server.Handler.Sessions.Clear();
        return weak;
    }

    /// <summary>Collects until the session is gone; a bounded number of rounds, since a request may still be finishing.</summary>
    private static async Task AssertCollectedAsync(WeakReference weak)
    {
        for (var round = 0; round < 100 && weak.IsAlive; round++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }

        Assert.False(weak.IsAlive, "the closed session is still reachable");
    }
}
