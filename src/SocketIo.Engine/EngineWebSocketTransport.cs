using System.Buffers;
using System.Net.WebSockets;
using SocketIo.Engine.Diagnostics;
using SocketIo.Protocol.Engine;

namespace SocketIo.Engine;

/// <summary>
/// One WebSocket of a session. Phases: for an upgrade, a probe phase (<c>2probe</c>/<c>3probe</c>, then <c>5</c>)
/// read inline; then a receive loop, and a writer that runs only while frames are queued; then, once the session or
/// the receive loop stops the socket, the writes in progress end and a close handshake bounded by
/// <see cref="CloseTimeout"/> follows, after which the socket is aborted. One Engine.IO packet per message. In
/// protocol v3 a binary message is led by the type byte 4 both ways, and a client that asked for <c>b64</c> gets
/// binary messages as <c>b4</c>+base64 text instead.
/// </summary>
internal sealed class EngineWebSocketTransport : IThreadPoolWorkItem
{
    /// <summary>How long a close handshake may take before the socket is aborted.</summary>
    internal static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The endpoint (options, logging, timers).</summary>
    private readonly EngineIoServer _server;

    /// <summary>The session this socket carries.</summary>
    private readonly EngineSession _session;

    /// <summary>The accepted socket.</summary>
    private readonly WebSocket _socket;

    /// <summary>Still in the upgrade probe phase (nothing written but the probe's answer).</summary>
    private volatile bool _probing;

    /// <summary>Completed when the session wants this socket closed, or when the receive loop ended.</summary>
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Write passes started and not yet ended. The session starts one only when the last found the queue empty, so
    /// at most the end of one overlaps the start of the next. An idle connection keeps no writer waiting: the pass
    /// starts when frames are queued, and a pass whose writes complete at once allocates nothing.
    /// </summary>
    private int _passes;

    /// <summary>Set once stopped while a pass was running: completed by the pass that ends last.</summary>
    private TaskCompletionSource? _passesEnded;

    /// <summary>The close status to send; the first <see cref="Stop"/> decides.</summary>
    private int _closeStatus = -1;

    /// <summary>Protocol v3: the WebSocket request asked for binary messages as base64 text (<c>b64</c>).</summary>
    private readonly bool _base64Binary;

    /// <summary>What a read of a socket that broke counts as: the client's close.</summary>
    private static readonly ValueWebSocketReceiveResult ClosedResult = new(0, WebSocketMessageType.Close, endOfMessage: true);

    /// <summary>The type byte that leads a protocol v3 binary message, sent as its first fragment.</summary>
    private static readonly ReadOnlyMemory<byte> V3BinaryType = new[] { WebSocketMessageV3.BinaryMessageType };

    public EngineWebSocketTransport(EngineIoServer server, EngineSession session, WebSocket socket, bool isUpgrade, bool asksForBase64 = false)
    {
        _server = server;
        _session = session;
        _socket = socket;
        _probing = isUpgrade;
        _base64Binary = session.ProtocolVersion == 3 && asksForBase64;
    }

    private bool IsV3 => _session.ProtocolVersion == 3;

    /// <summary>How long the last frames may take to write once the socket is told to stop.</summary>
    private TimeSpan SendDrainTimeout => _server.Options.PingTimeout > CloseTimeout ? _server.Options.PingTimeout : CloseTimeout;

    private WebSocketCloseStatus CloseStatus => _closeStatus < 0 ? WebSocketCloseStatus.NormalClosure : (WebSocketCloseStatus)_closeStatus;

    /// <summary>Asks the socket to close (after the frames already taken are written). Safe from any thread.</summary>
    public void Stop(WebSocketCloseStatus status)
    {
        Interlocked.CompareExchange(ref _closeStatus, (int)status, -1);
        _stop.TrySetResult();
        if (_probing)
        {
            // The probe phase only reads; nothing else would notice the stop.
            _socket.Abort();
        }
    }

    /// <summary>
    /// Starts a write pass: frames were queued while the writer was idle. Called once per idle-to-busy change (the
    /// session decides under its lock), safe from any thread.
    /// </summary>
    /// <param name="writeHere">
    /// Run the pass on this thread until it has written what is queued (or its write waits for the client), instead
    /// of on a thread-pool thread; only for a caller that holds no lock.
    /// </param>
    internal void Wake(bool writeHere = false)
    {
        // Counted from here, not from the pass's start, so that a stop in between still waits for it.
        Interlocked.Increment(ref _passes);
        if (writeHere)
        {
            _ = WriteQueuedAsync();
        }
        else
        {
            // The transport is its own work item: the hop allocates nothing.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = WriteQueuedAsync();

    /// <summary>Serves the socket until it closes. Never fails: a failure is logged.</summary>
    public async Task RunAsync()
    {
        try
        {
            if (_probing && !await ProbeAsync())
            {
                _session.CancelUpgrade(this);
                _probing = false;
                await CloseQuietlyAsync(_socket, WebSocketCloseStatus.PolicyViolation, _server.Options.TimeProvider);
                return;
            }

            _probing = false;
            // The receive loop completes the stop signal when it ends, as the session does when it closes, so one
            // await on it waits for whichever comes first (a Task.WhenAny here would stay allocated for the
            // connection's life). The first pass writes what was queued before this socket became the transport.
            var receiving = ReceiveLoopAsync();
            Interlocked.Increment(ref _passes);
            _ = WriteQueuedAsync();
            await _stop.Task;

            // Whatever ended first, the pass in progress ends after the frames it already took. A client that
            // stopped reading must not hold the request forever: past the bound the socket is aborted.
            if (!await PassesEndedAsync(SendDrainTimeout))
            {
                EngineWebSocketTransport.Abort(_socket);
                await PassesEndedAsync(CloseTimeout);
            }

            await FinishCloseAsync(receiving);
        }
        catch (Exception ex) when (IsBroken(ex))
        {
            // The client went away mid-step (the probe's answer, the last frames): nothing is left but to let go.
        }
#pragma warning disable CA1031 // Never fails, so the request need not wait on it to observe a failure; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EngineIoServer.Log.RequestFailed(_server.Logger, ex);
        }
        finally
        {
            _socket.Dispose();
        }
    }

    /// <summary>The upgrade handshake; <see langword="true"/> once <c>5</c> made this socket the transport.</summary>
    private async Task<bool> ProbeAsync()
    {
        using var timeout = _server.Timers.Schedule(_server.Options.UpgradeTimeout, static s => ((EngineWebSocketTransport)s!).OnUpgradeTimeout(), this);
        var probed = false;
        while (true)
        {
            using var message = await ReadNextMessageAsync();
            if (message.Kind != MessageKind.Data || message.Type != WebSocketMessageType.Text
                || !EnginePacketParser.TryParseText(message.Memory, out var packet))
            {
                return false;
            }

            if (packet.IsProbe)
            {
                if (!_session.OnProbe(this))
                {
                    return false;
                }

                probed = true;
                await _socket.SendAsync(EngineFrames.PongProbe.Payload, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            else if (packet.Type == EnginePacketType.Upgrade && probed)
            {
                // From here on a stop must close the socket cleanly, not abort a probe.
                _probing = false;
                return _session.CompleteUpgrade(this);
            }
            else if (packet.Type != EnginePacketType.Noop || !probed)
            {
                EngineIoServer.Log.ProtocolViolation(_server.Logger, _session.Id, "unexpected packet during upgrade");
                return false;
            }
        }
    }

    private void OnUpgradeTimeout()
    {
        // Only while the upgrade is still pending: once it completed, the socket is the session's transport.
        if (_session.CancelUpgrade(this))
        {
            EngineIoServer.Log.WebSocketEnded(_server.Logger, _session.Id, "upgrade timed out");
            _socket.Abort();
        }
    }

    /// <summary>
    /// One write pass: writes what is queued until the queue is empty (the session then marks the writer idle) or the
    /// socket stops. Never fails: a broken socket closes the session, anything else is logged first.
    /// </summary>
    private async Task WriteQueuedAsync()
    {
        try
        {
            while (_session.TakeForWebSocket(this, out var count, out var isFinal) is { } frames)
            {
                long written = 0;
                try
                {
                    for (var i = 0; i < count; i++)
                    {
                        await SendFrameAsync(frames[i]);
                        written += frames[i].Payload.Length + EngineSession.FrameOverhead;
                    }
                }
                finally
                {
                    // Drops the references to the sent bytes.
                    ArrayPool<EngineFrame>.Shared.Return(frames, clearArray: true);
                }

                EngineTelemetry.SentOverWebSocket(count, written);
                _session.OnWritten(written);
                if (isFinal)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (IsBroken(ex))
        {
            EngineIoServer.Log.WebSocketEnded(_server.Logger, _session.Id, "send failed");
            _session.CloseNow(EngineCloseReasons.TransportError);
        }
#pragma warning disable CA1031 // Nothing awaits a pass: what it throws is logged here, and the session closed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EngineIoServer.Log.RequestFailed(_server.Logger, ex);
            _session.CloseNow(EngineCloseReasons.TransportError);
        }
        finally
        {
            if (Interlocked.Decrement(ref _passes) == 0)
            {
                Volatile.Read(ref _passesEnded)?.TrySetResult();
            }
        }
    }

    /// <summary>After the stop: whether every write pass ended within <paramref name="bound"/>.</summary>
    private async ValueTask<bool> PassesEndedAsync(TimeSpan bound)
    {
        if (Volatile.Read(ref _passes) == 0)
        {
            return true;
        }

        // Published before the count is read again, as a pass decrements before it reads this: one of the two sees
        // the other, so the last pass's end is never missed.
        var ended = _passesEnded ?? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _passesEnded, ended);
        if (Volatile.Read(ref _passes) == 0)
        {
            return true;
        }

        try
        {
            await ended.Task.WaitAsync(bound, _server.Options.TimeProvider);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private ValueTask SendFrameAsync(EngineFrame frame)
    {
        var flags = frame.DisableCompression
            ? WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression
            : WebSocketMessageFlags.EndOfMessage;
        if (!frame.IsBinary)
        {
            return _socket.SendAsync(frame.Payload, WebSocketMessageType.Text, flags, CancellationToken.None);
        }

        return IsV3 ? SendV3BinaryAsync(frame.Payload, flags) : _socket.SendAsync(frame.Payload, WebSocketMessageType.Binary, flags, CancellationToken.None);
    }

    /// <summary>
    /// A protocol v3 binary message: the type byte 4 and the frame's bytes as two fragments of one WebSocket message.
    /// The frame's bytes are shared by every recipient of a broadcast, v4 sessions included, so they are neither
    /// copied nor encoded again per v3 socket; the price is one more frame header (2 bytes) and one more write into
    /// the connection's output buffer, against a copy of the whole payload per recipient. A client that asked for
    /// base64 (only when forced to: the official clients send binary) gets <c>b4</c>+base64 text encoded for it alone.
    /// </summary>
    private async ValueTask SendV3BinaryAsync(ReadOnlyMemory<byte> data, WebSocketMessageFlags flags)
    {
        if (_base64Binary)
        {
            var text = new ArrayBufferWriter<byte>(Base64Message.GetEncodedLength(2, data.Length));
            WebSocketMessageV3.WriteBase64(text, data.Span);
            await _socket.SendAsync(text.WrittenMemory, WebSocketMessageType.Text, flags, CancellationToken.None);
            return;
        }

        // Both fragments carry the same compression flag: a message is compressed as a whole or not at all.
        await _socket.SendAsync(V3BinaryType, WebSocketMessageType.Binary, flags & ~WebSocketMessageFlags.EndOfMessage, CancellationToken.None);
        await _socket.SendAsync(data, WebSocketMessageType.Binary, flags, CancellationToken.None);
    }

    /// <summary>Reads a text message: a packet, or in protocol v3 also <c>b4</c>+base64 for a binary message.</summary>
    private bool TryReadText(ReadOnlyMemory<byte> message, out EnginePacket packet) => IsV3
        ? WebSocketMessageV3.TryDecodeText(message, out packet) == PayloadDecodeResult.Success
        : EnginePacketParser.TryParseText(message, out packet);

    /// <summary>Reads a binary message: the raw bytes in v4; in v3 they must be led by the type byte 4.</summary>
    private bool TryReadBinary(ReadOnlyMemory<byte> message, out EnginePacket packet)
    {
        if (IsV3)
        {
            return WebSocketMessageV3.TryDecodeBinary(message, out packet);
        }

        packet = new EnginePacket(EnginePacketType.Message, message, isBinary: true);
        return true;
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                // The wait for the next message is awaited here rather than in a method of its own: an idle connection
                // then keeps one suspended state machine, not two, and the rest of the message is usually read at once.
                ValueWebSocketReceiveResult first;
                try
                {
                    first = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                }
                catch (Exception ex) when (IsBroken(ex))
                {
                    first = ClosedResult;
                }

                using var message = await ReadMessageAsync(first);
                switch (message.Kind)
                {
                    case MessageKind.Closed:
                        _session.CloseNow(EngineCloseReasons.TransportClose);
                        return;
                    case MessageKind.TooBig:
                        EngineIoServer.Log.PayloadTooLarge(_server.Logger, _session.Id, _server.Options.MaxHttpBufferSize);
                        _session.CloseNow(EngineCloseReasons.TransportError, status: WebSocketCloseStatus.MessageTooBig);
                        return;
                }

                EngineTelemetry.Received(webSocket: true, packets: 1, message.Memory.Length);
                var isBinary = message.Type == WebSocketMessageType.Binary;
                if (!(isBinary ? TryReadBinary(message.Memory, out var packet) : TryReadText(message.Memory, out packet)))
                {
                    EngineIoServer.Log.ProtocolViolation(_server.Logger, _session.Id, isBinary ? "invalid binary frame" : "invalid text frame");
                    _session.CloseNow(EngineCloseReasons.ParseError);
                    return;
                }

                if (!await _session.HandlePacketAsync(packet))
                {
                    return;
                }
            }
        }
        finally
        {
            _stop.TrySetResult();
        }
    }

    /// <summary>The probe phase's read of one whole message: the zero-byte wait for it, then the rest.</summary>
    private async ValueTask<InboundMessage> ReadNextMessageAsync()
    {
        ValueWebSocketReceiveResult first;
        try
        {
            first = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
        }
        catch (Exception ex) when (IsBroken(ex))
        {
            first = ClosedResult;
        }

        return await ReadMessageAsync(first);
    }

    /// <summary>
    /// Reads the rest of one message, once a zero-byte read (<paramref name="first"/>) saw it arrive: an idle socket
    /// holds no buffer. The buffer is rented only then and grows up to the size limit. A message longer than what
    /// has arrived suspends this method: its state machine comes from a pool instead of being allocated each time.
    /// </summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<InboundMessage> ReadMessageAsync(ValueWebSocketReceiveResult first)
    {
        var limit = _server.Options.MaxHttpBufferSize;
        byte[]? buffer = null;
        try
        {
            if (first.MessageType == WebSocketMessageType.Close)
            {
                return new InboundMessage(MessageKind.Closed, first.MessageType, null, 0);
            }

            buffer = ArrayPool<byte>.Shared.Rent(4096);
            var length = 0;
            var result = first;
            while (!result.EndOfMessage)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return new InboundMessage(MessageKind.TooBig, first.MessageType, null, 0);
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, limit + 1L));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return new InboundMessage(MessageKind.Closed, result.MessageType, null, 0);
                }

                length += result.Count;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return new InboundMessage(MessageKind.TooBig, first.MessageType, null, 0);
                }
            }

            var message = new InboundMessage(MessageKind.Data, first.MessageType, buffer, length);
            buffer = null;
            return message;
        }
        catch (Exception ex) when (IsBroken(ex))
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return new InboundMessage(MessageKind.Closed, WebSocketMessageType.Close, null, 0);
        }
    }

    /// <summary>Sends our close frame (or answers the client's) and waits, bounded, for the handshake to finish.</summary>
    private async Task FinishCloseAsync(Task receiving)
    {
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var cts = new CancellationTokenSource(CloseTimeout, _server.Options.TimeProvider);
                await _socket.CloseOutputAsync(CloseStatus, null, cts.Token);
            }

            await receiving.WaitAsync(CloseTimeout, _server.Options.TimeProvider);
            if (_socket.State == WebSocketState.CloseSent)
            {
                // The receive loop stopped first (client close packet, oversized or invalid frame): read on until
                // the client's close frame, so ours is not cut off by an abort.
                await DrainUntilCloseAsync(_socket, _server.Options.TimeProvider);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
            // The client did not finish the handshake in time: abort below.
        }
        finally
        {
            if (_socket.State != WebSocketState.Closed)
            {
                _socket.Abort();
            }

            EngineIoServer.Log.WebSocketEnded(_server.Logger, _session.Id, CloseStatus.ToString());
        }
    }

    /// <summary>Closes a socket that carries no session (refused upgrade) within the close timeout, then aborts it.</summary>
    internal static async Task CloseQuietlyAsync(WebSocket socket, WebSocketCloseStatus status, TimeProvider timeProvider)
    {
        try
        {
            using var cts = new CancellationTokenSource(CloseTimeout, timeProvider);
            await socket.CloseOutputAsync(status, null, cts.Token);
            await DrainUntilCloseAsync(socket, timeProvider);
        }
        catch (Exception ex) when (IsBroken(ex))
        {
            // Best effort only.
        }
        finally
        {
            if (socket.State != WebSocketState.Closed)
            {
                socket.Abort();
            }
        }
    }

    /// <summary>What a read or write of a socket that broke, was aborted or was disposed throws.</summary>
    private static bool IsBroken(Exception ex) => ex is WebSocketException or OperationCanceledException or ObjectDisposedException;

    private static void Abort(WebSocket socket)
    {
        if (socket.State != WebSocketState.Closed)
        {
            socket.Abort();
        }
    }

    /// <summary>Discards whatever the client still sends until its close frame, within the close timeout.</summary>
    private static async Task DrainUntilCloseAsync(WebSocket socket, TimeProvider timeProvider)
    {
        using var cts = new CancellationTokenSource(CloseTimeout, timeProvider);
        var buffer = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            while (socket.State == WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private enum MessageKind
    {
        Data,
        Closed,
        TooBig,
    }

    /// <summary>A received message in a pooled buffer, returned on dispose.</summary>
    private readonly struct InboundMessage(MessageKind kind, WebSocketMessageType type, byte[]? buffer, int length) : IDisposable
    {
        public MessageKind Kind => kind;

        public WebSocketMessageType Type => type;

        public ReadOnlyMemory<byte> Memory => buffer is null ? default : buffer.AsMemory(0, length);

        public void Dispose()
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
