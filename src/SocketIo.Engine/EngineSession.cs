using System.Net.WebSockets;
using SocketIo.Engine.Diagnostics;
using SocketIo.Protocol.Engine;

namespace SocketIo.Engine;

/// <summary>
/// One Engine.IO session. It owns the single bounded outbound queue that whichever transport is current drains
/// (a pending polling GET, or the WebSocket writer), the heartbeat, the upgrade state, and the delivery of
/// inbound messages to the application, one at a time. All state is guarded by <see cref="Gate"/>; work that can
/// block or call out (completing waiters, handler calls, I/O) happens after the lock is released. Protocol v3 and v4
/// sessions are the same object: what differs is the framing on the wire (<c>EngineSession.Framing.cs</c>, the
/// WebSocket transport) and the direction of the heartbeat.
/// </summary>
internal sealed partial class EngineSession : IEngineIoConnection
{
    /// <summary>The most packets one polling POST may carry.</summary>
    internal const int MaxPacketsPerPayload = 10_000;

    /// <summary>The endpoint this session belongs to.</summary>
    private readonly EngineIoServer _server;

    /// <summary>
    /// Guards every mutable field below. The session is its own lock (a monitor in its object header): a separate lock
    /// object would cost every held connection 40 bytes, and the type is internal, so no other code locks on it.
    /// </summary>
    private object Gate => this;

    /// <summary>Frames waiting for a transport, in send order; bounded in bytes by <see cref="EngineIoOptions.MaxBufferedBytes"/>.</summary>
    private FrameQueue _queue;

    /// <summary>Open, closing (flushing) or closed.</summary>
    private EngineSessionState _state;

    /// <summary>The current transport is the WebSocket <see cref="_webSocket"/> (else long-polling).</summary>
    private bool _isWebSocket;

    /// <summary>The WebSocket transport, once it is the current transport.</summary>
    private EngineWebSocketTransport? _webSocket;

    /// <summary>The WebSocket writer found the queue empty and stopped; the next send starts it again.</summary>
    private bool _webSocketWriterIdle;

    /// <summary>
    /// The closing session is a polling one at the host's stop: no next GET will come, so the close packet goes with
    /// the last frames instead of in a response of its own.
    /// </summary>
    private bool _closingForShutdown;

    /// <summary>The application's receiver for this session; set once the handler accepted the session.</summary>
    private IEngineIoSessionHandler? _handler;

    public EngineSession(EngineIoServer server, string id, EngineIoRequest request, bool isPolling, int protocolVersion = 4)
    {
        _server = server;
        Id = id;
        Request = request;
        _isWebSocket = !isPolling;
        ProtocolVersion = protocolVersion;
        if (protocolVersion == 3 && isPolling)
        {
            // Fixed by the handshake for the whole session, as in Node (later requests may omit them).
            _pollingSupportsBinary = !AsksForBase64(request.QueryString);
            _jsonpIndex = QueryParameters.TryGet(request.QueryString, JsonpPolling.QueryParameter, out var j) ? j.ToString() : null;
        }
    }

    public string Id { get; }

    public int ProtocolVersion { get; }

    public string Transport
    {
        get
        {
            lock (Gate)
            {
                return _isWebSocket ? "websocket" : "polling";
            }
        }
    }

    public EngineIoRequest Request { get; }

    public bool IsOpen
    {
        get
        {
            lock (Gate)
            {
                return _state == EngineSessionState.Open;
            }
        }
    }

    private EngineIoOptions Options => _server.Options;

    /// <summary>
    /// Starts the heartbeat and hands the session to the application; a WebSocket session gets the open packet queued
    /// first. A polling session's handshake response carries the open packet alone (<see cref="WriteHandshakeAsync"/>),
    /// so what the application sends on open waits for the next GET, as with the Node server: the Socket.IO 2.x
    /// clients read the whole handshake response as the open packet. Returns <see langword="false"/> when the
    /// application threw and the session was closed.
    /// </summary>
    public bool Start(byte[] openPacket)
    {
        lock (Gate)
        {
            if (_isWebSocket)
            {
                EnqueueLocked(EngineFrame.Text(openPacket));
            }

            StartHeartbeatLocked();
        }

        // Holding the delivery turn while the handler accepts the session keeps OnClosed after OnOpened. Nothing else
        // can hold it yet (no client knows the session's id before this returns), so the wait below is a safeguard.
        var turn = EnterDeliveryAsync();
        if (!turn.IsCompleted)
        {
            turn.AsTask().Wait();
        }

        try
        {
            _handler = _server.Handler.OnOpened(this);
        }
#pragma warning disable CA1031 // A failing application must not take the endpoint down; the session is closed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EngineIoServer.Log.HandlerFailed(_server.Logger, Id, ex);
            ExitDelivery();
            CloseNow(EngineCloseReasons.TransportError);
            return false;
        }

        ExitDelivery();
        return true;
    }

    public EngineSendResult Send(ReadOnlySpan<EngineFrame> frames, bool isVolatile = false) => SendCore(frames, isVolatile, writeHere: false);

    public EngineSendResult SendAndWrite(ReadOnlySpan<EngineFrame> frames) => SendCore(frames, isVolatile: false, writeHere: true);

    private EngineSendResult SendCore(ReadOnlySpan<EngineFrame> frames, bool isVolatile, bool writeHere)
    {
        var wake = default(PendingWake);
        var cost = Cost(frames);
        bool overflow;
        lock (Gate)
        {
            if (_state != EngineSessionState.Open)
            {
                return EngineSendResult.Closed;
            }

            if (isVolatile && !(_queue.Count == 0 && IsWriterWaitingLocked()))
            {
                return EngineSendResult.DroppedVolatile;
            }

            overflow = WouldOverflowLocked(cost);
            if (!overflow)
            {
                // The whole group goes in under one lock, so a packet and its attachments stay adjacent.
                foreach (var frame in frames)
                {
                    EnqueueLocked(frame);
                }

                wake = TakeWakeLocked();
            }
        }

        if (!overflow)
        {
            wake.Run(this, writeHere);
            return EngineSendResult.Queued;
        }

        if (isVolatile)
        {
            return EngineSendResult.DroppedVolatile;
        }

        CloseOnOverflow(cost);
        return EngineSendResult.Overflow;
    }

    /// <summary>A send did not fit: the client is not reading. One log line, then the session closes at once.</summary>
    private void CloseOnOverflow(long cost)
    {
        EngineIoServer.Log.OutboundOverflow(_server.Logger, Id, cost, Options.MaxBufferedBytes);
        CloseNow(EngineCloseReasons.OutboundBufferFull);
    }

    public void Close(string? reason = null) => Close(reason ?? EngineCloseReasons.ForcedClose, isShutdown: false);

    /// <summary>
    /// Server-side close: queued frames are flushed, then the close packet. A polling session waits for the next GET
    /// (at most the ping timeout; not at all on shutdown); a WebSocket writes the frames, then closes.
    /// </summary>
    internal void Close(string reason, bool isShutdown)
    {
        PendingWake wake;
        EngineWebSocketTransport? probing;
        var finalizeNow = false;
        lock (Gate)
        {
            if (_state != EngineSessionState.Open)
            {
                return;
            }

            _state = EngineSessionState.Closing;
            _closingForShutdown = isShutdown && !_isWebSocket;
            CancelHeartbeatLocked();
            EnqueueLocked(EngineFrames.Close);
            probing = TakeUpgradeLocked();
            wake = TakeWakeLocked();
            if (!wake.Finalizes)
            {
                // A polling session at shutdown gets no next GET; otherwise the flush is bounded by the ping timeout
                // (a WebSocket whose client stopped reading is then aborted).
                if (isShutdown && !_isWebSocket)
                {
                    finalizeNow = true;
                }
                else
                {
                    _closeTimer = _server.Timers.Schedule(Options.PingTimeout, static s => ((EngineSession)s!).CompleteClose(), this);
                }
            }
        }

        OnClosing(reason);
        probing?.Stop(WebSocketCloseStatus.NormalClosure);
        wake.Run(this);
        if (finalizeNow)
        {
            CompleteClose();
        }
    }

    /// <summary>
    /// Closes at once, without flushing: a protocol violation, a timeout, or the client's own close. A pending GET is
    /// answered with <paramref name="pendingGetAnswer"/> (a close packet unless said otherwise).
    /// </summary>
    internal void CloseNow(string reason, EngineFrame? pendingGetAnswer = null, WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure)
    {
        TaskCompletionSource<EngineFrame[]>? pendingGet;
        EngineWebSocketTransport? webSocket;
        EngineWebSocketTransport? probing;
        List<DrainWaiter>? waiters;
        lock (Gate)
        {
            if (_state == EngineSessionState.Closed)
            {
                return;
            }

            var wasOpen = _state == EngineSessionState.Open;
            _state = EngineSessionState.Closed;
            CancelHeartbeatLocked();
            _closeTimer?.Cancel();
            waiters = ClearBufferLocked();
            pendingGet = _pendingGet;
            _pendingGet = null;
            webSocket = _webSocket;
            probing = TakeUpgradeLocked();
            if (!wasOpen)
            {
                reason = string.Empty;
            }
        }

        if (reason.Length > 0)
        {
            OnClosing(reason);
        }

        _server.Remove(this);
        Complete(waiters, false);
        pendingGet?.TrySetResult([pendingGetAnswer ?? EngineFrames.Close]);
        webSocket?.Stop(status);
        probing?.Stop(WebSocketCloseStatus.NormalClosure);
    }

    /// <summary>Ends a flushing close once the close packet was handed to a transport (or the wait expired).</summary>
    private void CompleteClose()
    {
        EngineWebSocketTransport? webSocket;
        List<DrainWaiter>? waiters;
        lock (Gate)
        {
            if (_state == EngineSessionState.Closed)
            {
                return;
            }

            _state = EngineSessionState.Closed;
            _closeTimer?.Cancel();
            waiters = ClearBufferLocked();
            webSocket = _webSocket;
        }

        _server.Remove(this);
        Complete(waiters, false);
        webSocket?.Stop(WebSocketCloseStatus.NormalClosure);
    }

    /// <summary>
    /// Runs once per session: logs, and tells the application after any message being delivered. The application's
    /// <c>OnClosed</c> always runs on a thread-pool work item: a close can start on the timer loop (ping timeout), on
    /// another connection's send (outbound buffer full) or in a request, and none of those may wait for user code.
    /// </summary>
    private void OnClosing(string reason)
    {
        EngineIoServer.Log.SessionClosed(_server.Logger, Id, reason);
        EngineTelemetry.Closed(this, reason, Options.TimeProvider);
        ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Session.NotifyClosedAsync(state.Reason), (Session: this, Reason: reason), preferLocal: false);
    }

    private Task NotifyClosedAsync(string reason) => NotifyBetweenDeliveriesAsync(reason);

    /// <summary>
    /// Tells the application of the close (<paramref name="closeReason"/>) or, without one, of the upgrade (only while
    /// open): between two message deliveries, never during one; what it throws is logged.
    /// </summary>
    private async Task NotifyBetweenDeliveriesAsync(string? closeReason)
    {
        await EnterDeliveryAsync().ConfigureAwait(false);
        try
        {
            if (closeReason is not null)
            {
                _handler?.OnClosed(closeReason);
            }
            else if (IsOpen)
            {
                _handler?.OnUpgraded();
            }
        }
#pragma warning disable CA1031 // A failing application must not break the engine.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EngineIoServer.Log.HandlerFailed(_server.Logger, Id, ex);
        }
        finally
        {
            ExitDelivery();
        }
    }

    /// <summary>Delivers one message to the application, after the previous one completed; dropped once closing.</summary>
    private async ValueTask DeliverAsync(EnginePacket packet)
    {
        await EnterDeliveryAsync().ConfigureAwait(false);
        try
        {
            if (!IsOpen || _handler is not { } handler)
            {
                return;
            }

            if (packet.IsBinary)
            {
                await handler.OnBinaryMessageAsync(packet.Data).ConfigureAwait(false);
            }
            else
            {
                await handler.OnTextMessageAsync(packet.Data).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // A failing handler is logged; the session goes on (by contract).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EngineIoServer.Log.HandlerFailed(_server.Logger, Id, ex);
        }
        finally
        {
            ExitDelivery();
        }
    }

    /// <summary>
    /// Acts on one inbound packet from either transport. Returns <see langword="false"/> when the session is closed
    /// and the caller should stop reading.
    /// </summary>
    internal async ValueTask<bool> HandlePacketAsync(EnginePacket packet)
    {
        switch (packet.Type)
        {
            case EnginePacketType.Message:
                await DeliverAsync(packet);
                break;
            case EnginePacketType.Pong when ProtocolVersion == 4:
                OnPong();
                break;
            case EnginePacketType.Ping when ProtocolVersion == 3:
                OnClientPing(packet.IsProbe);
                break;
            case EnginePacketType.Close:
                // A pending GET gets a noop, not a close.
                CloseNow(EngineCloseReasons.TransportClose, EngineFrames.Noop);
                return false;
            case EnginePacketType.Ping or EnginePacketType.Pong:
                // In v4 only the server pings, in v3 only the client: the wrong heartbeat direction closes the session.
                EngineIoServer.Log.ProtocolViolation(_server.Logger, Id, $"client {(packet.Type == EnginePacketType.Ping ? "ping" : "pong")} in protocol v{ProtocolVersion}");
                CloseNow(EngineCloseReasons.TransportError);
                return false;
            case EnginePacketType.Noop:
            case EnginePacketType.Upgrade:
                // Harmless outside an upgrade handshake.
                break;
            case EnginePacketType.Open:
                // Only the server opens a session: a client's open packet means nothing, and Node ignores it on both
                // transports (closing would end a session over a packet that cannot hurt it).
                break;
            default:
                EngineIoServer.Log.ProtocolViolation(_server.Logger, Id, $"packet type {(int)packet.Type} from the client");
                CloseNow(EngineCloseReasons.ParseError);
                return false;
        }

        // A flushing close keeps reading: the client's close frame ends the WebSocket after our close packet.
        lock (Gate)
        {
            return _state != EngineSessionState.Closed;
        }
    }

    /// <summary>Whether a transport could write a frame right now (volatile frames are kept only then).</summary>
    private bool IsWriterWaitingLocked() => _isWebSocket ? _webSocketWriterIdle : _pendingGet is not null;

    /// <summary>Hands queued frames to a waiting transport; the returned wake is run after the lock is released.</summary>
    private PendingWake TakeWakeLocked()
    {
        if (_queue.Count == 0)
        {
            return default;
        }

        if (_isWebSocket)
        {
            if (!_webSocketWriterIdle)
            {
                return default;
            }

            _webSocketWriterIdle = false;
            return new PendingWake(null, null, _webSocket, finalizes: false, drained: null);
        }

        if (_pendingGet is null)
        {
            return default;
        }

        var get = _pendingGet;
        _pendingGet = null;
        var frames = DrainLocked(out var finalizes, out var drained);
        return new PendingWake(get, frames, null, finalizes, drained);
    }

    /// <summary>
    /// Takes every queued frame for a polling response; <paramref name="finalizes"/> tells that the close packet went
    /// with them. Their bytes leave the buffer now: the response is written at once. A flushing close sends its close
    /// packet in a response of its own after the frames queued before it, as Node does: a client acts on a close in
    /// the middle of a response before it has handled the packets beside it (socket.io-client then handles those
    /// events after its disconnect, and a recovered client would get them twice).
    /// </summary>
    private EngineFrame[] DrainLocked(out bool finalizes, out List<DrainWaiter>? drained)
    {
        if (_state == EngineSessionState.Closing && !_closingForShutdown && _queue.Count > 1)
        {
            // The close packet is the last frame queued: nothing is queued once the session is closing.
            var before = new EngineFrame[_queue.Count - 1];
            long bytes = 0;
            for (var i = 0; i < before.Length; i++)
            {
                before[i] = _queue.Dequeue();
                bytes += before[i].Payload.Length + FrameOverhead;
            }

            drained = ReleaseBytesLocked(bytes);
            finalizes = false;
            return before;
        }

        var frames = _queue.ToArray();
        _queue.Clear();
        drained = ReleaseBytesLocked(_bufferedBytes);
        finalizes = _state == EngineSessionState.Closing;
        return frames;
    }

    /// <summary>Who to wake after the lock is released.</summary>
    private readonly struct PendingWake(
        TaskCompletionSource<EngineFrame[]>? get,
        EngineFrame[]? frames,
        EngineWebSocketTransport? webSocket,
        bool finalizes,
        List<DrainWaiter>? drained)
    {
        public bool Finalizes => finalizes;

        /// <param name="session">The session the wake is for.</param>
        /// <param name="writeHere">An idle WebSocket writer writes on the caller's thread (which holds no lock).</param>
        public void Run(EngineSession session, bool writeHere = false)
        {
            Complete(drained, true);
            get?.TrySetResult(frames!);
            webSocket?.Wake(writeHere);
            if (finalizes)
            {
                session.CompleteClose();
            }
        }
    }
}
