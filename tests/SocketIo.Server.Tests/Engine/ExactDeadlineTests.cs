using System.Net;
using SocketIo.Engine;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

/// <summary>Heartbeat deadlines on a hand-driven clock: exact, and checked by each request itself.</summary>
public sealed class ExactDeadlineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_request_at_ping_interval_plus_timeout_finds_the_session_gone()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EngineTestServer.StartOnClockAsync(output, clock);
        var (sid, session) = await server.HandshakeAsync();

        // The ping is due at 300 ms; the held GET returns it once the loop has run.

        await server.AssertPingAfterAsync(clock, sid, TimeSpan.FromMilliseconds(300));

        // 1 ms before the deadline the session is alive...
        clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "4alive"));

        // ...and at 500 ms the request itself sees the deadline, whether or not the timer loop got there first.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal((HttpStatusCode.BadRequest, """{"code":1,"message":"Session ID unknown"}"""), await server.PollAsync(sid));
        Assert.Equal(EngineCloseReasons.PingTimeout, await session.Closed.WaitAsync(Infrastructure.TestTimeouts.Default));
    }

    [Fact]
    public async Task A_pong_postpones_the_next_ping_by_the_interval()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EngineTestServer.StartOnClockAsync(output, clock);
        var (sid, session) = await server.HandshakeAsync();
        await server.AssertPingAfterAsync(clock, sid, TimeSpan.FromMilliseconds(300));
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "3"));

        // Far past the first deadline, but no ping is outstanding: still open.
        clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "4alive"));
        Assert.True(session.Connection.IsOpen);
    }

    [Fact]
    public async Task A_ping_sent_late_still_gives_the_client_half_the_timeout()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EngineTestServer.StartOnClockAsync(output, clock);
        var (sid, session) = await server.HandshakeAsync();

        // An overloaded server: the loop reaches the ping due at 300 ms only at 900 ms, past the exact deadline.

        await server.AssertPingAfterAsync(clock, sid, TimeSpan.FromMilliseconds(900));

        // The client still has half the 200 ms timeout from when the ping went out.
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "4alive"));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PollAsync(sid)).Status);
        Assert.Equal(EngineCloseReasons.PingTimeout, await session.Closed.WaitAsync(Infrastructure.TestTimeouts.Default));
    }
}
