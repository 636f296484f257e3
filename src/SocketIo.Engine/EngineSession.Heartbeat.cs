using SocketIo.Protocol.Engine;

namespace SocketIo.Engine;

/// <summary>
/// Heartbeat (protocol v4): the server pings <see cref="EngineIoOptions.PingInterval"/> after the open and after each
/// pong; without a pong within <see cref="EngineIoOptions.PingTimeout"/> the session closes with <c>ping timeout</c>.
/// The pong deadline is counted from when the ping was due, not from when the timer loop got to it, and every
/// request checks it too, so the session is gone exactly on time. When the loop is badly late (an overloaded
/// server), the client still gets at least half the ping timeout after the ping actually went out: the server's lag
/// is not the client's fault.
/// </summary>
internal sealed partial class EngineSession
{
    /// <summary>The next ping.</summary>
    private TimerHandle? _pingTimer;

    /// <summary>The deadline of the pong the session waits for.</summary>
    private TimerHandle? _pongTimer;

    /// <summary>When the pong is due on the timer loop's clock, or <see langword="null"/> when none is awaited.</summary>
    private TimeSpan? _pongDeadline;

    /// <summary>Bounds a flushing close of a polling session that gets no GET.</summary>
    private TimerHandle? _closeTimer;

    private void SchedulePingLocked(TimeSpan delay)
    {
        _pingTimer = _server.Timers.Schedule(delay, static s => ((EngineSession)s!).OnPingDue(), this);
    }

    private void CancelHeartbeatLocked()
    {
        _pingTimer?.Cancel();
        _pongTimer?.Cancel();
        _pongDeadline = null;
    }

    private void OnPingDue()
    {
        var wake = default(PendingWake);
        bool overflow;
        lock (_gate)
        {
            if (_state != EngineSessionState.Open)
            {
                return;
            }

            var deadline = _pingTimer!.Due + Options.PingTimeout;
            var earliestFair = _server.Timers.Now + (Options.PingTimeout / 2);
            if (deadline < earliestFair)
            {
                deadline = earliestFair;
            }

            _pongDeadline = deadline;
            _pongTimer = _server.Timers.Schedule(deadline - _server.Timers.Now, static s => ((EngineSession)s!).OnPongOverdue(), this);
            overflow = WouldOverflowLocked(EngineFrames.Ping.Payload.Length + FrameOverhead);
            if (!overflow)
            {
                EnqueueLocked(EngineFrames.Ping);
                wake = TakeWakeLocked();
            }
        }

        if (overflow)
        {
            CloseOnOverflow(EngineFrames.Ping.Payload.Length + FrameOverhead);
            return;
        }

        wake.Run(this);
    }

    private void OnPongOverdue() => CloseNow(EngineCloseReasons.PingTimeout);

    private void OnPong()
    {
        lock (_gate)
        {
            if (_state != EngineSessionState.Open || _pongDeadline is null)
            {
                // A pong nobody asked for: ignored, as the reference does.
                return;
            }

            _pongDeadline = null;
            _pongTimer?.Cancel();
            SchedulePingLocked(Options.PingInterval);
        }
    }

    /// <summary>Closes the session if its pong is overdue; returns <see langword="true"/> when it is (now) gone.</summary>
    internal bool ExpireIfOverdue()
    {
        bool overdue;
        lock (_gate)
        {
            if (_state == EngineSessionState.Closed)
            {
                return true;
            }

            overdue = _pongDeadline is { } deadline && _server.Timers.Now >= deadline;
        }

        if (overdue)
        {
            CloseNow(EngineCloseReasons.PingTimeout);
        }

        return overdue;
    }
}
