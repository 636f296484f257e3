using SocketIo.Protocol.Engine;

namespace SocketIo.Engine;

/// <summary>
/// Heartbeat. Protocol v4: the server pings <see cref="EngineIoOptions.PingInterval"/> after the open and after each
/// pong; without a pong within <see cref="EngineIoOptions.PingTimeout"/> the session closes with <c>ping timeout</c>.
/// The pong deadline is counted from when the ping was due, not from when the timer loop got to it, and every
/// request checks it too, so the session is gone exactly on time. When the loop is badly late (an overloaded
/// server), the client still gets at least half the ping timeout after the ping actually went out: the server's lag
/// is not the client's fault. Protocol v3 runs the other way: the client pings, the server answers each ping with a
/// pong, and a session whose client stays silent for the ping interval plus the ping timeout after the open or its
/// last ping closes with <c>ping timeout</c>, whatever its transport; the same deadline is checked on each request.
/// </summary>
internal sealed partial class EngineSession
{
    /// <summary>The next ping.</summary>
    private TimerHandle? _pingTimer;

    /// <summary>The heartbeat deadline: of the pong the session waits for (v4), of the client's next ping (v3).</summary>
    private TimerHandle? _heartbeatTimer;

    /// <summary>When <see cref="_heartbeatTimer"/> is due on the timer loop's clock, or <see langword="null"/> when no pong is awaited (v4).</summary>
    private TimeSpan? _heartbeatDeadline;

    /// <summary>Bounds a flushing close of a polling session that gets no GET.</summary>
    private TimerHandle? _closeTimer;

    private void StartHeartbeatLocked()
    {
        if (ProtocolVersion == 3)
        {
            ScheduleClientPingDeadlineLocked();
        }
        else
        {
            SchedulePingLocked(Options.PingInterval);
        }
    }

    private void SchedulePingLocked(TimeSpan delay)
    {
        _pingTimer = _server.Timers.Schedule(delay, static s => ((EngineSession)s!).OnPingDue(), this);
    }

    private void CancelHeartbeatLocked()
    {
        _pingTimer?.Cancel();
        _heartbeatTimer?.Cancel();
        _heartbeatDeadline = null;
    }

    private void OnPingDue()
    {
        var wake = default(PendingWake);
        bool overflow;
        lock (Gate)
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

            _heartbeatDeadline = deadline;
            _heartbeatTimer = _server.Timers.Schedule(deadline - _server.Timers.Now, static s => ((EngineSession)s!).OnHeartbeatOverdue(), this);
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

    private void OnHeartbeatOverdue() => CloseNow(EngineCloseReasons.PingTimeout);

    private void OnPong()
    {
        lock (Gate)
        {
            if (_state != EngineSessionState.Open || _heartbeatDeadline is null)
            {
                // A pong nobody asked for: ignored, as the reference does.
                return;
            }

            _heartbeatDeadline = null;
            _heartbeatTimer?.Cancel();
            SchedulePingLocked(Options.PingInterval);
        }
    }

    /// <summary>
    /// Protocol v3: the client's ping moves the silence deadline on and gets a pong; <c>2probe</c> gets
    /// <c>3probe</c>, as the v3 protocol has the pong echo the ping's data (Node answers a plain <c>3</c>, which the
    /// clients also accept).
    /// </summary>
    private void OnClientPing(bool isProbe)
    {
        lock (Gate)
        {
            if (_state != EngineSessionState.Open)
            {
                return;
            }

            ScheduleClientPingDeadlineLocked();
        }

        Send([isProbe ? EngineFrames.PongProbe : EngineFrames.Pong]);
    }

    /// <summary>Protocol v3: the client must ping again within the ping interval plus the ping timeout.</summary>
    private void ScheduleClientPingDeadlineLocked()
    {
        _heartbeatTimer?.Cancel();
        _heartbeatTimer = _server.Timers.Schedule(Options.PingInterval + Options.PingTimeout, static s => ((EngineSession)s!).OnHeartbeatOverdue(), this);
        _heartbeatDeadline = _heartbeatTimer.Due;
    }

    /// <summary>Closes the session if its pong is overdue; returns <see langword="true"/> when it is (now) gone.</summary>
    internal bool ExpireIfOverdue()
    {
        bool overdue;
        lock (Gate)
        {
            if (_state == EngineSessionState.Closed)
            {
                return true;
            }

            overdue = _heartbeatDeadline is { } deadline && _server.Timers.Now >= deadline;
        }

        if (overdue)
        {
            CloseNow(EngineCloseReasons.PingTimeout);
        }

        return overdue;
    }
}
