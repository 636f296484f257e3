using System.Text.Json;
using Microsoft.Extensions.Logging;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;
using SocketIo.Engine;
using SocketIo.Server.Diagnostics;
using SocketIo.Server.Internal;

namespace SocketIo.Server;

/// <summary>
/// One Engine.IO session seen from Socket.IO: it decodes the session's messages into packets and routes them to the
/// sockets it holds, one per joined namespace. Packets arrive one at a time (the engine serializes them), and routing
/// never waits on user code: a CONNECT (namespace resolution, middleware, connection handlers) runs on the thread pool
/// while the connection goes on reading — heartbeats, other namespaces, its close — and the packets that arrive for
/// that namespace meanwhile are held, then delivered in order once it connected (dropped if it was refused). Lifecycle
/// work of its sockets (disconnect listeners, disconnect tokens) runs on the client's own <see cref="SerialExecutor"/>.
/// An Engine.IO v3 session carries a Socket.IO 1.x/2.x client, which speaks protocol v4 (<see cref="Protocol"/>): its
/// CONNECTs carry their auth in the namespace's query, and it is joined to <c>/</c> without asking.
/// </summary>
internal sealed partial class Client : IEngineIoSessionHandler
{
    /// <summary>
    /// What a held packet, or a CONNECT in progress, costs on top of its bytes (the packet object, its parsed JSON, the
    /// connect's task and socket); counting it keeps a flood of tiny packets or CONNECTs within the bound too.
    /// </summary>
    internal const int HeldPacketOverhead = 256;

    private static readonly JsonElement EmptyAuth = JsonDocument.Parse("{}").RootElement.Clone();

    private readonly SocketIoServer _server;
    private readonly ISocketIoPacketDecoder _decoder;

    /// <summary>
    /// Guards <see cref="_sockets"/>, <see cref="_connecting"/>, <see cref="_heldBytes"/> and <see cref="_closedReason"/>.
    /// The client is its own lock (a monitor in its object header), as the engine session is: one object less per
    /// connection, and the type is internal, so no other code locks on it.
    /// </summary>
    private object Gate => this;

    /// <summary>The connected sockets, by namespace name.</summary>
    private NamespaceMap<Socket> _sockets;

    /// <summary>The namespaces whose CONNECT is in progress, with the packets held for them in arrival order.</summary>
    private NamespaceMap<HeldPackets> _connecting;

    private TimerHandle? _connectTimeout;

    /// <summary>
    /// What the CONNECTs in progress and the packets held for them cost together; at most the max HTTP buffer size.
    /// </summary>
    private long _heldBytes;

    /// <summary>The bytes of the messages making up the packet being decoded (a binary packet spans several); delivery path only.</summary>
    private long _messageBytes;

    /// <summary>The engine's close reason once it closed.</summary>
    private string? _closedReason;

    /// <summary>
    /// The name of the last event received, reused while the next one has the same name, as most of a connection's
    /// events do; delivery path only.
    /// </summary>
    private string? _lastEventName;

    public Client(SocketIoServer server, IEngineIoConnection connection)
    {
        _server = server;
        Connection = connection;
        Protocol = connection.ProtocolVersion == 3 ? SocketIoProtocolVersion.V4 : SocketIoProtocolVersion.V5;
        _decoder = server.Parser.CreateDecoder(new SocketIoDecoderOptions { MaxAttachments = server.Options.MaxAttachments, ProtocolVersion = Protocol });
        _connectTimeout = server.Timers.Schedule(server.Options.ConnectTimeout, static state => ((Client)state!).OnConnectTimeout(), this);
    }

    public IEngineIoConnection Connection { get; }

    /// <summary>What the application sees of the connection (<see cref="Socket.Conn"/>); created on first use.</summary>
    public SocketConnection Conn => LazyInitializer.EnsureInitialized(ref _conn, () => new SocketConnection(this));

    private SocketConnection? _conn;

    /// <summary>The engine moved the session to WebSocket: tells the application's listeners, if any asked.</summary>
    public void OnUpgraded() => System.Threading.Volatile.Read(ref _conn)?.OnUpgraded();

    /// <summary>Gets the Socket.IO protocol revision the client speaks: v4 over an Engine.IO v3 session, else v5.</summary>
    public SocketIoProtocolVersion Protocol { get; }

    /// <summary>The server's parser, which encodes every packet sent on this connection.</summary>
    public ISocketIoParser Parser => _server.Parser;

    public ILogger Logger => _server.Logger;

    /// <summary>The server's serializer, which writes what is sent on this connection and binds what it receives.</summary>
    public SocketIoSerializer Serializer => _server.Serializer;

    public TimerLoop Timers => _server.Timers;

    /// <summary>Gets the throttle every client-caused log line of the server goes through.</summary>
    public ClientLogThrottle ClientLogs => _server.ClientLogs;

    /// <summary>
    /// Runs this client's lifecycle work one item at a time, off the caller's thread. Created by the first work posted:
    /// most connections post none until they close, and the executor would otherwise be held for the connection's life.
    /// </summary>
    public SerialExecutor Lifecycle => System.Threading.Volatile.Read(ref _lifecycle) ?? CreateLifecycle();

    private SerialExecutor? _lifecycle;

    /// <summary>Completes once the lifecycle work posted so far has run: at once when none ever was.</summary>
    public Task WhenLifecycleIdleAsync() => System.Threading.Volatile.Read(ref _lifecycle)?.WhenIdleAsync() ?? Task.CompletedTask;

    private SerialExecutor CreateLifecycle()
    {
        var created = new SerialExecutor(static (e, owner) => ((Client)owner).LogLifecycleFailure(e), this);
        return Interlocked.CompareExchange(ref _lifecycle, created, null) ?? created;
    }

    private void LogLifecycleFailure(Exception e) => Log.LifecycleWorkFailed(Logger, Connection.Id, e);

    public EngineSendResult Send(ReadOnlySpan<EngineFrame> frames, bool isVolatile) => Connection.Send(frames, isVolatile);

    /// <summary>Sends and, when the WebSocket writer is idle, writes on this thread (<see cref="IEngineIoConnection.SendAndWrite"/>).</summary>
    public EngineSendResult SendAndWrite(ReadOnlySpan<EngineFrame> frames) => Connection.SendAndWrite(frames);

    /// <summary>Gets whether a CONNECT to <paramref name="nsp"/> is in progress, its packets held (for tests).</summary>
    internal bool IsConnecting(string nsp)
    {
        lock (Gate)
        {
            return _connecting.ContainsKey(nsp);
        }
    }

    public ValueTask OnTextMessageAsync(ReadOnlyMemory<byte> utf8)
    {
        _messageBytes += utf8.Length;
        Handle(_decoder.DecodeText(utf8.Span, out var packet, out var error), packet, error);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnBinaryMessageAsync(ReadOnlyMemory<byte> data)
    {
        _messageBytes += data.Length;
        Handle(_decoder.DecodeBinary(data.Span, out var packet, out var error), packet, error);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The engine closed: every socket disconnects with its reason at once (no broadcast reaches them any more), and
    /// their listeners run on <see cref="Lifecycle"/>, whatever thread the engine calls this on.
    /// </summary>
    public void OnClosed(string reason)
    {
        _connectTimeout?.Dispose();
        Socket[] sockets;
        lock (Gate)
        {
            _closedReason = reason;
            _connecting = default;
            _heldBytes = 0;
            sockets = _sockets.ValuesToArray();
        }

        foreach (var socket in sockets)
        {
            socket.OnClose(reason);
        }
    }

    /// <summary>
    /// Protocol v4: joins the client to <c>/</c> as if it had sent a CONNECT, right after the open packet (the 2.x
    /// clients never send one for <c>/</c>). It runs on the thread pool, not in the engine's handshake that calls this,
    /// and the packets the client sends for <c>/</c> meanwhile are held.
    /// </summary>
    public void JoinDefaultNamespace() => BeginConnect(new SocketIoPacket { Type = SocketIoPacketType.Connect, Namespace = "/" }, cost: 0, mayRunHere: false);

    /// <summary>Disconnects every socket (each gets a DISCONNECT), then closes the connection.</summary>
    public void DisconnectAll()
    {
        foreach (var socket in Snapshot())
        {
            socket.Disconnect();
        }

        Connection.Close(SocketIoDisconnectReasons.ForcedServerClose);
    }

    /// <summary>
    /// Adds a connected socket; fails, giving the close reason, when the connection closed meanwhile (middleware may
    /// await for a while), so the caller undoes the socket instead of leaking it.
    /// </summary>
    public bool TryAdd(Socket socket, out string? closedReason)
    {
        lock (Gate)
        {
            closedReason = _closedReason;
            if (closedReason is not null)
            {
                return false;
            }

            _sockets.Set(socket.Namespace.Name, socket);
        }

        _connectTimeout?.Dispose();
        _connectTimeout = null;
        return true;
    }

    public void Remove(Socket socket)
    {
        lock (Gate)
        {
            _sockets.Remove(socket.Namespace.Name, socket);
        }
    }

    private Socket[] Snapshot()
    {
        lock (Gate)
        {
            return _sockets.ValuesToArray();
        }
    }

    private void Handle(SocketIoDecodeStatus status, SocketIoPacket? packet, string? error)
    {
        switch (status)
        {
            case SocketIoDecodeStatus.Packet:
                var cost = _messageBytes + HeldPacketOverhead;
                _messageBytes = 0;
                Route(packet!, cost);
                return;
            case SocketIoDecodeStatus.AwaitingAttachments:
                return;
            case SocketIoDecodeStatus.Ignored:
                _messageBytes = 0;
                Ignore(packet!, error);
                return;
            default:
                _messageBytes = 0;
                if (ClientLogs.Allow(LogLevel.Warning))
                {
                    Log.ParseError(Logger, Connection.Id, error ?? "invalid packet");
                }

                Connection.Close(SocketIoDisconnectReasons.ParseError);
                return;
        }
    }

    private void Route(SocketIoPacket packet, long cost)
    {
        if (packet.Type == SocketIoPacketType.Connect)
        {
            BeginConnect(packet, cost);
            return;
        }

        Socket? socket = null;
        var overflow = false;
        lock (Gate)
        {
            if (TryGetConnectingLocked(packet.Namespace, out var held))
            {
                overflow = !TryHoldLocked(held, packet, cost);
                if (!overflow)
                {
                    return;
                }
            }
            else
            {
                _sockets.TryGetValue(packet.Namespace, out socket);
            }
        }

        if (overflow)
        {
            HeldPacketsOverflow(packet.Namespace);
        }
        else if (socket is null)
        {
            // Node closes the connection when a client talks to a namespace it has not joined.
            ProtocolViolation(packet.Type.ToString(), packet.Namespace);
        }
        else
        {
            Deliver(socket, packet);
        }
    }

    /// <summary>Hands one packet to the namespace's connected socket.</summary>
    private void Deliver(Socket socket, SocketIoPacket packet)
    {
        switch (packet.Type)
        {
            case SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent:
                // The decoder checked the array: not empty, its first item the name (a string or a number).
                var name = EventName(packet.Data!.Value[0]);
                var args = new SocketIoArguments(ToArray(packet.Data, skip: 1), packet.Attachments, _server.Serializer);

                // Not awaited: handlers run concurrently with the connection's next packets, as in Node, so a
                // handler awaiting this client's acknowledgement cannot hold up that acknowledgement.
                _ = socket.DispatchAsync(name, args, packet.AckId);
                break;
            case SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck:
                socket.OnAck(packet.AckId!.Value, new SocketIoArguments(ToArray(packet.Data), packet.Attachments, _server.Serializer));
                break;
            case SocketIoPacketType.Disconnect:
                socket.OnClose(SocketIoDisconnectReasons.ClientNamespaceDisconnect);
                break;
            default:
                // A CONNECT_ERROR: only servers send it.
                ProtocolViolation(packet.Type.ToString(), packet.Namespace);
                break;
        }
    }

    /// <summary>
    /// Marks the namespace as connecting, so its next packets are held, and starts the connect. With connect middleware
    /// it runs on the thread pool: a middleware that awaits or even blocks must not stop this connection's reading.
    /// Without, no user code runs before the socket connects, and the connect runs here up to its first await, as an
    /// event's handlers do: a thread hop per connection saved. A CONNECT right after a DISCONNECT that is itself still
    /// held (a quick reconnect) is held too, and starts once the packets before it are handed over.
    /// </summary>
    private void BeginConnect(SocketIoPacket packet, long cost, bool mayRunHere = true)
    {
        var overflow = false;
        var start = false;
        lock (Gate)
        {
            if (_closedReason is not null)
            {
                return;
            }

            if (TryGetConnectingLocked(packet.Namespace, out var held))
            {
                if (held.EndsWithDisconnect)
                {
                    overflow = !TryHoldLocked(held, packet, cost);
                    if (!overflow)
                    {
                        return;
                    }
                }
            }
            else if (!_sockets.ContainsKey(packet.Namespace))
            {
                overflow = _heldBytes + cost > _server.Options.MaxHttpBufferSize;
                if (!overflow)
                {
                    _connecting.Set(packet.Namespace, new HeldPackets { ConnectCost = cost });
                    _heldBytes += cost;
                    start = true;
                }
            }
        }

        if (start)
        {
            if (mayRunHere && _server.ConnectsWithoutMiddleware(packet.Namespace))
            {
                _ = ConnectAsync(packet);
            }
            else
            {
                StartConnect(packet);
            }
        }
        else if (overflow)
        {
            HeldPacketsOverflow(packet.Namespace);
        }
        else
        {
            // A second CONNECT for a namespace that is connected or connecting.
            ProtocolViolation("second CONNECT", packet.Namespace);
        }
    }

    /// <summary>Runs <see cref="ConnectAsync"/> on the thread pool (with the caller's execution context, as a task would).</summary>
    private void StartConnect(SocketIoPacket packet) =>
        ThreadPool.QueueUserWorkItem(static state => _ = state.Client.ConnectAsync(state.Packet), (Client: this, Packet: packet), preferLocal: false);

    /// <summary>
    /// Resolves the namespace, runs its middleware and connection handlers, hands the held packets over, then sends the
    /// refusal if there is one: after the packets are released, so a CONNECT the refusal prompts is a new one.
    /// </summary>
    private async Task ConnectAsync(SocketIoPacket packet)
    {
        ConnectOutcome outcome = default;
        try
        {
            var auth = packet.Data ?? EmptyAuth;
            var nsp = await ResolveAsync(packet.Namespace, auth).ConfigureAwait(false);
            if (nsp is null)
            {
                if (ClientLogs.Allow(LogLevel.Debug))
                {
                    Log.InvalidNamespace(Logger, Connection.Id, packet.Namespace);
                }

                ServerTelemetry.InvalidNamespace();
                outcome = new(null, Namespace.ConnectError(Parser, packet.Namespace, "Invalid namespace", data: null, Serializer));
            }
            else
            {
                try
                {
                    outcome = await nsp.ConnectAsync(this, auth).ConfigureAwait(false);
                }
                finally
                {
                    nsp.EndConnect();
                }
            }
        }
#pragma warning disable CA1031 // A dynamic namespace's predicate may throw: the connection is refused, the client goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (ClientLogs.Allow(LogLevel.Error))
            {
                Log.ConnectFailed(Logger, Connection.Id, packet.Namespace, e);
            }

            outcome = new(null, Namespace.ConnectError(Parser, packet.Namespace, "Internal server error", data: null, Serializer, Protocol));
        }

        var next = ReleaseHeld(packet.Namespace, outcome.Socket);
        if (outcome.Refusal is { } refusal)
        {
            Send(refusal, isVolatile: false);
        }

        if (next is not null)
        {
            StartConnect(next);
        }
    }

    /// <summary>
    /// Finds the namespace a CONNECT names and counts the connect in it, so that an empty dynamic child is not removed
    /// under it; a child removed just before is resolved again (a new one is created in its place).
    /// </summary>
    private async ValueTask<Namespace?> ResolveAsync(string name, JsonElement auth)
    {
        const int attempts = 32;
        for (var attempt = 1; ; attempt++)
        {
            var nsp = await _server.ResolveAsync(name, auth).ConfigureAwait(false);
            if (nsp is null || nsp.TryBeginConnect())
            {
                return nsp;
            }

            if (attempt == attempts)
            {
                throw new InvalidOperationException($"The namespace {name} was removed {attempts} times while connecting to it.");
            }

            // The removal of the old child is under way on another thread; let it finish.
            await Task.Yield();
        }
    }

    /// <summary>
    /// Ends a connect's holding: delivers the namespace's held packets to <paramref name="socket"/> one by one, in
    /// order, until none is left (packets arriving meanwhile are held too, so nothing overtakes), then lets packets
    /// through directly. Without a connected socket (refused, or disconnected by a held DISCONNECT or by the server)
    /// the packets are dropped. A CONNECT held after a DISCONNECT stops the hand-over: the packets after it wait for
    /// that connect, which the caller starts with the packet returned.
    /// </summary>
    private SocketIoPacket? ReleaseHeld(string name, Socket? socket)
    {
        while (true)
        {
            SocketIoPacket packet;
            lock (Gate)
            {
                if (!TryGetConnectingLocked(name, out var held))
                {
                    return null; // The connection closed; OnClosed dropped what was held.
                }

                if (!held.TryTake(out packet, out var cost))
                {
                    _connecting.Remove(name, held);

                    _heldBytes -= held.ConnectCost;
                    return null;
                }

                if (packet.Type == SocketIoPacketType.Connect)
                {
                    // The reconnect takes this connect's place, and its cost.
                    _heldBytes -= held.ConnectCost;
                    held.ConnectCost = cost;
                    return packet;
                }

                _heldBytes -= cost;

                if (socket is not { Connected: true })
                {
                    continue;
                }
            }

            Deliver(socket, packet);
        }
    }

    /// <summary>Finds the packets held for a namespace whose CONNECT is in progress.</summary>
    private bool TryGetConnectingLocked(string nsp, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HeldPackets? held)
    {
        return _connecting.TryGetValue(nsp, out held);
    }

    /// <summary>Holds a packet for a connecting namespace if the client's bound allows it.</summary>
    private bool TryHoldLocked(HeldPackets held, SocketIoPacket packet, long cost)
    {
        if (_heldBytes + cost > _server.Options.MaxHttpBufferSize)
        {
            return false;
        }

        held.Add(packet, cost);
        _heldBytes += cost;
        return true;
    }

    private void HeldPacketsOverflow(string nsp)
    {
        if (ClientLogs.Allow(LogLevel.Warning))
        {
            Log.HeldPacketsOverflow(Logger, Connection.Id, nsp, _server.Options.MaxHttpBufferSize);
        }

        Connection.Close(SocketIoDisconnectReasons.ForcedServerClose);
    }

    /// <summary>
    /// A packet Node decodes and then drops (an EVENT without arguments, an ACK without id): dropped too, unless its
    /// namespace was never joined, which closes the connection as any packet there would.
    /// </summary>
    private void Ignore(SocketIoPacket packet, string? reason)
    {
        bool joined;
        lock (Gate)
        {
            joined = _sockets.ContainsKey(packet.Namespace) || _connecting.ContainsKey(packet.Namespace);
        }

        if (!joined)
        {
            ProtocolViolation(packet.Type.ToString(), packet.Namespace);
        }
        else if (ClientLogs.Allow(LogLevel.Debug))
        {
            Log.PacketIgnored(Logger, Connection.Id, reason ?? "ignored", packet.Namespace);
        }
    }

    private void ProtocolViolation(string what, string nsp)
    {
        if (ClientLogs.Allow(LogLevel.Warning))
        {
            Log.ProtocolViolation(Logger, Connection.Id, what, nsp);
        }

        Connection.Close(SocketIoDisconnectReasons.ForcedServerClose);
    }

    private void OnConnectTimeout()
    {
        bool joined;
        lock (Gate)
        {
            joined = _sockets.Count > 0;
        }

        if (!joined && Connection.IsOpen)
        {
            if (ClientLogs.Allow(LogLevel.Debug))
            {
                Log.ConnectTimeout(Logger, Connection.Id);
            }

            Connection.Close(SocketIoDisconnectReasons.ForcedClose);
        }
    }

    /// <summary>An event's name: a string as it reads, a number as its JSON text.</summary>
    private string EventName(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return element.GetRawText();
        }

        // ValueEquals compares the unescaped text without allocating; a name with a lone surrogate never matches.
        if (_lastEventName is { } last && element.ValueEquals(last))
        {
            return last;
        }

        return _lastEventName = SocketIoJson.GetString(element);
    }

    /// <summary>The items of a JSON array after the first <paramref name="skip"/>; none when it is not an array.</summary>
    private static JsonElement[] ToArray(JsonElement? data, int skip = 0)
    {
        if (data is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() <= skip)
        {
            return [];
        }

        var values = new JsonElement[array.GetArrayLength() - skip];
        var i = -skip;
        foreach (var item in array.EnumerateArray())
        {
            if (i >= 0)
            {
                values[i] = item;
            }

            i++;
        }

        return values;
    }

    private static partial class Log
    {
        [LoggerMessage(300, LogLevel.Warning, "Connection {ConnectionId} sent an invalid packet ({Error}); closing it.")]
        public static partial void ParseError(ILogger logger, string connectionId, string error);

        [LoggerMessage(301, LogLevel.Warning, "Connection {ConnectionId} sent {PacketType} for {Namespace} out of order; closing it.")]
        public static partial void ProtocolViolation(ILogger logger, string connectionId, string packetType, string @namespace);

        [LoggerMessage(302, LogLevel.Debug, "Connection {ConnectionId} asked for unknown namespace {Namespace}.")]
        public static partial void InvalidNamespace(ILogger logger, string connectionId, string @namespace);

        [LoggerMessage(303, LogLevel.Debug, "Connection {ConnectionId} joined no namespace in time; closing it.")]
        public static partial void ConnectTimeout(ILogger logger, string connectionId);

        [LoggerMessage(304, LogLevel.Warning, "Connection {ConnectionId} sent more than {Limit} bytes for {Namespace} while its CONNECT was in progress; closing it.")]
        public static partial void HeldPacketsOverflow(ILogger logger, string connectionId, string @namespace, int limit);

        [LoggerMessage(306, LogLevel.Error, "Connection {ConnectionId}: the CONNECT to {Namespace} failed; the connection was refused.")]
        public static partial void ConnectFailed(ILogger logger, string connectionId, string @namespace, Exception exception);

        [LoggerMessage(307, LogLevel.Error, "Connection {ConnectionId}: a disconnect's work threw.")]
        public static partial void LifecycleWorkFailed(ILogger logger, string connectionId, Exception exception);

        [LoggerMessage(310, LogLevel.Debug, "Connection {ConnectionId} sent a packet for {Namespace} that is dropped ({Reason}).")]
        public static partial void PacketIgnored(ILogger logger, string connectionId, string reason, string @namespace);
    }
}
