using System.Buffers;
using Microsoft.AspNetCore.Http;
using SocketIo.Engine.Diagnostics;
using SocketIo.Protocol.Engine;

namespace SocketIo.Engine;

/// <summary>
/// The WebSocket side of a session, direct or by upgrade. Upgrade phases: a WebSocket with the sid of a polling
/// session is accepted; its first packet must be <c>2probe</c>, answered <c>3probe</c>. Polling stays the transport
/// until <c>5</c>: queued frames still go to a waiting GET, and every 100 ms a GET still waiting is answered with a
/// noop (<c>6</c>) so the client can pause polling and finish the upgrade, as the Node reference does. On <c>5</c> the
/// WebSocket becomes the transport and drains the queue, so no frame is lost, doubled or reordered. Protocol v3 runs the
/// same steps (its clients wait for <c>3probe</c> before they send <c>5</c>; v4 clients may not).
/// </summary>
internal sealed partial class EngineSession
{
    /// <summary>The WebSocket in the middle of an upgrade, if any (at most one).</summary>
    private EngineWebSocketTransport? _upgrade;

    /// <summary>How often a GET still waiting during an upgrade is released with a noop.</summary>
    internal static readonly TimeSpan UpgradeNoopInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The next release of a waiting GET during an upgrade, once the probe arrived.</summary>
    private TimerHandle? _upgradeNoopTimer;

    /// <summary>A session opened directly on WebSocket: the transport is current from the start.</summary>
    internal void AttachDirect(EngineWebSocketTransport transport)
    {
        lock (Gate)
        {
            _webSocket = transport;
        }
    }

    /// <summary>A WebSocket request with this session's sid: the upgrade, or a duplicate that is accepted then closed.</summary>
    public async Task AcceptUpgradeAsync(HttpContext context)
    {
        bool canUpgrade;
        lock (Gate)
        {
            canUpgrade = _state == EngineSessionState.Open && !_isWebSocket && _upgrade is null && Options.AllowUpgrades;
        }

        if (!canUpgrade)
        {
            await _server.AcceptAndCloseAsync(context, Id);
            return;
        }

        var socket = await context.WebSockets.AcceptWebSocketAsync(_server.AcceptContext());
        var transport = new EngineWebSocketTransport(_server, this, socket, isUpgrade: true, AsksForBase64(context.Request.QueryString.Value));
        lock (Gate)
        {
            canUpgrade = _state == EngineSessionState.Open && !_isWebSocket && _upgrade is null;
            if (canUpgrade)
            {
                _upgrade = transport;
            }
        }

        if (!canUpgrade)
        {
            EngineIoServer.Log.ProtocolViolation(_server.Logger, Id, "concurrent upgrade");
            await EngineWebSocketTransport.CloseQuietlyAsync(socket, System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, Options.TimeProvider);
            socket.Dispose();
            return;
        }

        await transport.RunAsync();
    }

    /// <summary>The upgrading WebSocket got <c>2probe</c>: from now on a GET left waiting is released with a noop.</summary>
    internal bool OnProbe(EngineWebSocketTransport transport)
    {
        lock (Gate)
        {
            if (_upgrade != transport || _state != EngineSessionState.Open)
            {
                return false;
            }

            _upgradeNoopTimer?.Cancel();
            _upgradeNoopTimer = _server.Timers.Schedule(UpgradeNoopInterval, static s => ((EngineSession)s!).OnUpgradeNoopDue(), this);
        }

        return true;
    }

    /// <summary>During an upgrade: answers a waiting GET with a noop, then checks again a little later.</summary>
    private void OnUpgradeNoopDue()
    {
        TaskCompletionSource<EngineFrame[]>? pendingGet;
        lock (Gate)
        {
            if (_upgrade is null || _state != EngineSessionState.Open)
            {
                return;
            }

            pendingGet = _pendingGet;
            _pendingGet = null;
            _upgradeNoopTimer = _server.Timers.Schedule(UpgradeNoopInterval, static s => ((EngineSession)s!).OnUpgradeNoopDue(), this);
        }

        pendingGet?.TrySetResult([EngineFrames.Noop]);
    }

    /// <summary>The upgrading WebSocket got <c>5</c>: it becomes the transport and will drain the queue.</summary>
    internal bool CompleteUpgrade(EngineWebSocketTransport transport)
    {
        TaskCompletionSource<EngineFrame[]>? pendingGet;
        lock (Gate)
        {
            if (_upgrade != transport || _state != EngineSessionState.Open)
            {
                return false;
            }

            TakeUpgradeLocked();
            _isWebSocket = true;
            _webSocket = transport;
            pendingGet = _pendingGet;
            _pendingGet = null;
        }

        pendingGet?.TrySetResult([EngineFrames.Noop]);
        EngineIoServer.Log.Upgraded(_server.Logger, Id);
        EngineTelemetry.Upgraded(ProtocolVersion);
        // Off the WebSocket request's thread, which must not wait for the application.
        ThreadPool.UnsafeQueueUserWorkItem(static session => _ = session.NotifyBetweenDeliveriesAsync(closeReason: null), this, preferLocal: false);
        return true;
    }

    /// <summary>The upgrade failed (timeout, bad probe, socket gone): polling goes on as before.</summary>
    /// <returns><see langword="false"/> when the upgrade was no longer in progress (completed or abandoned).</returns>
    internal bool CancelUpgrade(EngineWebSocketTransport transport)
    {
        var wake = default(PendingWake);
        lock (Gate)
        {
            if (_upgrade != transport)
            {
                return false;
            }

            TakeUpgradeLocked();
            wake = TakeWakeLocked();
        }

        wake.Run(this);
        return true;
    }

    private EngineWebSocketTransport? TakeUpgradeLocked()
    {
        var upgrade = _upgrade;
        _upgrade = null;
        _upgradeNoopTimer?.Cancel();
        _upgradeNoopTimer = null;
        return upgrade;
    }

    /// <summary>
    /// For the WebSocket writer: takes the queued frames if <paramref name="transport"/> is current, into an array
    /// rented from the shared pool (the first <paramref name="count"/> are the frames; the caller returns it, cleared).
    /// Returns <see langword="null"/> when there is nothing to write: the writer is then marked idle, and the next send
    /// calls <see cref="EngineWebSocketTransport.Wake"/>; or the transport is no longer current, or the session closed.
    /// <paramref name="isFinal"/> tells that the frames end a flushing close.
    /// </summary>
    internal EngineFrame[]? TakeForWebSocket(EngineWebSocketTransport transport, out int count, out bool isFinal)
    {
        isFinal = false;
        count = 0;
        EngineFrame[] frames;
        lock (Gate)
        {
            if (_webSocket != transport || _state == EngineSessionState.Closed)
            {
                return null;
            }

            if (_queue.Count == 0)
            {
                _webSocketWriterIdle = true;
                return null;
            }

            // A pooled array rather than one the transport keeps: an idle connection then holds no list of its own.
            frames = ArrayPool<EngineFrame>.Shared.Rent(_queue.Count);
            while (_queue.TryDequeue(out var frame))
            {
                frames[count++] = frame;
            }

            _webSocketWriterIdle = false;
            isFinal = _state == EngineSessionState.Closing;
        }

        if (isFinal)
        {
            CompleteClose();
        }

        return frames;
    }
}
