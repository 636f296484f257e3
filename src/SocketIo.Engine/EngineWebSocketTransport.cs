using System.Buffers;
using System.Net.WebSockets;
using SocketIo.Engine.Diagnostics;
using SocketIo.Protocol.Engine;

namespace SocketIo.Engine;

/// <summary>
/// One WebSocket of a session. Phases: for an upgrade, a probe phase (<c>2probe</c>/<c>3probe</c>, then <c>5</c>)
/// read inline; then a receive loop, and a writer that runs only while frames are queued; then, once the session
/// closes or the receive loop ends, the writes in progress end and a close handshake bounded by
/// <see cref="CloseTimeout"/> follows, after which the socket is aborted. One Engine.IO packet per message. In
/// protocol v3 a binary message is led by the type byte 4 both ways, and a client that asked for <c>b64</c> gets
/// binary messages as <c>b4</c>+base64 text instead.
/// </summary>
internal sealed partial class EngineWebSocketTransport
{
    /// <summary>The endpoint (options, logging, timers).</summary>
    private readonly EngineIoServer _server;

    /// <summary>The session this socket carries.</summary>
    private readonly EngineSession _session;

    /// <summary>The accepted socket.</summary>
    private readonly WebSocket _socket;

    /// <summary>Still in the upgrade probe phase (nothing written but the probe's answer).</summary>
    private volatile bool _probing;

    /// <summary>The receive loop runs (set once the probe, if any, succeeded): a stop must send our close frame.</summary>
    private volatile bool _serving;

    /// <summary>The receive loop is ending: the run closes the socket itself, right after.</summary>
    private volatile bool _receiveEnded;

    /// <summary>Protocol v3: the WebSocket request asked for binary messages as base64 text (<c>b64</c>).</summary>
    private readonly bool _base64Binary;

    /// <summary>What a read of a socket that broke counts as: the client's close.</summary>
    private static readonly ValueWebSocketReceiveResult ClosedResult = new(0, WebSocketMessageType.Close, endOfMessage: true);

    public EngineWebSocketTransport(EngineIoServer server, EngineSession session, WebSocket socket, bool isUpgrade, bool asksForBase64 = false)
    {
        _server = server;
        _session = session;
        _socket = socket;
        _probing = isUpgrade;
        _base64Binary = session.ProtocolVersion == 3 && asksForBase64;
    }

    private bool IsV3 => _session.ProtocolVersion == 3;

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
            // The first pass writes what was queued before this socket became the transport.
            Wake(writeHere: true);
            _serving = true;
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _closeStatus) >= 0)
            {
                // Stopped before the loop ran: that stop left the close to this run.
                StartClosing();
            }

            // The receive loop is this method's, not one of its own: an idle connection keeps one suspended state
            // machine. It ends when the client closes or answers our close frame, breaks the socket or the protocol,
            // or the session closes.
            while (true)
            {
                ValueWebSocketReceiveResult first;
                try
                {
                    // A zero-byte read: an idle socket holds no buffer while it waits.
                    first = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                }
                catch (Exception ex) when (IsBroken(ex))
                {
                    first = ClosedResult;
                }

                using var message = await ReadMessageAsync(first);
                if (!TryTakePacket(message, out var packet) || !await _session.HandlePacketAsync(packet))
                {
                    break;
                }
            }

            // Our close frame goes out (or its attempt ends) before the socket is let go, whoever started it.
            if (TryStartClosing() is { } closing)
            {
                await CloseAsync(closing);
            }
            else
            {
                await _closing!.Task;
            }

            if (_socket.State == WebSocketState.CloseSent)
            {
                // The loop stopped first (client close packet, oversized or invalid frame): read on until the client's
                // close frame, so ours is not cut off by an abort.
                await DrainUntilCloseAsync(_socket, _server.Options.TimeProvider);
            }
        }
        catch (Exception ex) when (IsBroken(ex))
        {
            // The client went away mid-step (the probe's answer, the close): nothing is left but to let go.
        }
#pragma warning disable CA1031 // Never fails, so the request need not wait on it to observe a failure; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EngineIoServer.Log.RequestFailed(_server.Logger, ex);
            EndReceiving(EngineCloseReasons.TransportError, WebSocketCloseStatus.InternalServerError);
        }
        finally
        {
            _closeDeadline?.Cancel();
            Abort(_socket);
            if (_serving)
            {
                EngineIoServer.Log.WebSocketEnded(_server.Logger, _session.Id, CloseStatus.ToString());
            }

            _socket.Dispose();
        }
    }

    /// <summary>
    /// Reads one received message as a packet. A closed socket, an oversized or invalid message closes the session
    /// instead (the run then closes the socket itself) and returns <see langword="false"/>.
    /// </summary>
    private bool TryTakePacket(in InboundMessage message, out EnginePacket packet)
    {
        packet = default;
        switch (message.Kind)
        {
            case MessageKind.Closed:
                EndReceiving(EngineCloseReasons.TransportClose, WebSocketCloseStatus.NormalClosure);
                return false;
            case MessageKind.TooBig:
                EngineIoServer.Log.PayloadTooLarge(_server.Logger, _session.Id, _server.Options.MaxHttpBufferSize);
                EndReceiving(EngineCloseReasons.TransportError, WebSocketCloseStatus.MessageTooBig);
                return false;
        }

        EngineTelemetry.Received(webSocket: true, packets: 1, message.Memory.Length);
        var isBinary = message.Type == WebSocketMessageType.Binary;
        if (isBinary ? TryReadBinary(message.Memory, out packet) : TryReadText(message.Memory, out packet))
        {
            return true;
        }

        EngineIoServer.Log.ProtocolViolation(_server.Logger, _session.Id, isBinary ? "invalid binary frame" : "invalid text frame");
        EndReceiving(EngineCloseReasons.ParseError, WebSocketCloseStatus.NormalClosure);
        return false;
    }

    /// <summary>The receive loop ends: the session closes, and the stop that follows leaves the socket's close to the run.</summary>
    private void EndReceiving(string reason, WebSocketCloseStatus status)
    {
        _receiveEnded = true;
        _session.CloseNow(reason, status: status);
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
