using System.Net;
using SocketIo.Engine;
using SocketIo.Protocol.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

/// <summary>An application that blocks in <c>OnClosed</c> delays nothing but itself.</summary>
public sealed class SlowApplicationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_blocking_close_handler_after_a_ping_timeout_does_not_hold_up_other_sessions_heartbeats()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EngineTestServer.StartOnClockAsync(output, clock);
        using var gate = new ManualResetEventSlim();
        server.Handler.CloseGate = gate;
        try
        {
            var (silentSid, silent) = await server.HandshakeAsync();
            var (liveSid, _) = await server.HandshakeAsync();

            // Both are pinged at 300 ms; only one answers.
            var silentPing = server.PollAsync(silentSid);
            await server.AssertPingAfterAsync(clock, liveSid, TimeSpan.FromMilliseconds(300));
            Assert.Equal((HttpStatusCode.OK, "2"), await silentPing);
            Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(liveSid, "3"));

            // At 500 ms the silent one times out and its handler blocks; the timer loop must go on regardless.
            clock.Advance(TimeSpan.FromMilliseconds(200));
            await silent.ClosingStarted.Task.WaitAsync(TestTimeouts.Default);
            await server.AssertPingAfterAsync(clock, liveSid, TimeSpan.FromMilliseconds(100));
            Assert.False(silent.Closed.IsCompleted);
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public async Task A_send_that_overflows_returns_without_running_the_close_handler_on_the_senders_thread()
    {
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.PingInterval = TimeSpan.FromMinutes(1);
            o.MaxHttpBufferSize = 1000;
            o.MaxBufferedBytes = 1000;
        });
        using var gate = new ManualResetEventSlim();
        server.Handler.CloseGate = gate;
        try
        {
            var (_, session) = await server.HandshakeAsync();
            var chunk = EngineFrame.Text(new byte[600]);
            Assert.Equal(EngineSendResult.Queued, session.Connection.Send([chunk]));

            // Were the handler run inline, this would wait for the gate and time out.
            var overflow = await Task.Run(() => session.Connection.Send([chunk])).WaitAsync(TestTimeouts.Default);
            Assert.Equal(EngineSendResult.Overflow, overflow);
            await session.ClosingStarted.Task.WaitAsync(TestTimeouts.Default);
            Assert.False(session.Closed.IsCompleted);
        }
        finally
        {
            gate.Set();
        }
    }
}
