using System.Text.Json;
using Microsoft.Extensions.Logging;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;
using SocketIo.Engine;
using SocketIo.Server.Internal;

namespace SocketIo.Server;

/// <summary>
/// One Engine.IO session seen from Socket.IO: it decodes the session's messages into packets and routes them to the
/// sockets it holds, one per joined namespace. Packets arrive one at a time (the engine serializes them). An Engine.IO
/// v3 session carries a Socket.IO 1.x/2.x client, which speaks protocol v4 (<see cref="Protocol"/>): its CONNECTs
/// carry their auth in the namespace's query, and it is joined to <c>/</c> without asking.
/// </summary>
internal sealed partial class Client : IEngineIoSessionHandler
{
    private static readonly JsonElement EmptyAuth = JsonDocument.Parse("{}").RootElement.Clone();

    private readonly SocketIoServer _server;
    private readonly ISocketIoPacketDecoder _decoder;
    private readonly Dictionary<string, Socket> _sockets = new(StringComparer.Ordinal);
    private TimerHandle? _connectTimeout;

    /// <summary>The engine's close reason once it closed; guarded by <see cref="_sockets"/>.</summary>
    private string? _closedReason;

    public Client(SocketIoServer server, IEngineIoConnection connection)
    {
        _server = server;
        Connection = connection;
        Protocol = connection.ProtocolVersion == 3 ? SocketIoProtocolVersion.V4 : SocketIoProtocolVersion.V5;
        _decoder = server.Parser.CreateDecoder(new SocketIoDecoderOptions { MaxAttachments = server.Options.MaxAttachments, ProtocolVersion = Protocol });
        _connectTimeout = server.Timers.Schedule(server.Options.ConnectTimeout, static state => ((Client)state!).OnConnectTimeout(), this);
    }

    public IEngineIoConnection Connection { get; }

    /// <summary>Gets the Socket.IO protocol revision the client speaks: v4 over an Engine.IO v3 session, else v5.</summary>
    public SocketIoProtocolVersion Protocol { get; }

    public ILogger Logger => _server.Logger;

    /// <summary>The server's parser, which encodes every packet sent on this connection.</summary>
    public ISocketIoParser Parser => _server.Parser;

    public TimerLoop Timers => _server.Timers;

    public EngineSendResult Send(ReadOnlySpan<EngineFrame> frames, bool isVolatile) => Connection.Send(frames, isVolatile);

    public ValueTask OnTextMessageAsync(ReadOnlyMemory<byte> utf8)
        => Handle(_decoder.DecodeText(utf8.Span, out var packet, out var error), packet, error);

    public ValueTask OnBinaryMessageAsync(ReadOnlyMemory<byte> data)
        => Handle(_decoder.DecodeBinary(data.Span, out var packet, out var error), packet, error);

    public void OnClosed(string reason)
    {
        _connectTimeout?.Dispose();
        lock (_sockets)
        {
            _closedReason = reason;
        }

        foreach (var socket in Snapshot())
        {
            socket.OnClose(reason);
        }
    }

    /// <summary>
    /// Protocol v4: joins the client to <c>/</c> as if it had sent a CONNECT, right after the open packet (the 2.x
    /// clients never send one for <c>/</c>). On the thread pool: middleware must not hold up the engine's handshake.
    /// </summary>
    public void JoinDefaultNamespace()
    {
        var connect = new SocketIoPacket { Type = SocketIoPacketType.Connect, Namespace = "/" };
        _ = Task.Run(async () =>
        {
            try
            {
                await ConnectAsync(connect).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failed join is logged; the connect timeout then closes the connection.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.ConnectFailed(Logger, Connection.Id, connect.Namespace, e);
            }
        });
    }

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
        lock (_sockets)
        {
            closedReason = _closedReason;
            if (closedReason is not null)
            {
                return false;
            }

            _sockets[socket.Namespace.Name] = socket;
        }

        _connectTimeout?.Dispose();
        _connectTimeout = null;
        return true;
    }

    public void Remove(Socket socket)
    {
        lock (_sockets)
        {
            if (_sockets.TryGetValue(socket.Namespace.Name, out var current) && ReferenceEquals(current, socket))
            {
                _sockets.Remove(socket.Namespace.Name);
            }
        }
    }

    private Socket[] Snapshot()
    {
        lock (_sockets)
        {
            return [.. _sockets.Values];
        }
    }

    private Socket? Find(string nsp)
    {
        lock (_sockets)
        {
            return _sockets.GetValueOrDefault(nsp);
        }
    }

    private ValueTask Handle(SocketIoDecodeStatus status, SocketIoPacket? packet, string? error)
    {
        switch (status)
        {
            case SocketIoDecodeStatus.Packet:
                return Route(packet!);
            case SocketIoDecodeStatus.AwaitingAttachments:
                return ValueTask.CompletedTask;
            case SocketIoDecodeStatus.Ignored when Find(packet!.Namespace) is not null:
                // A packet the Node server drops (an event without a name, an ack without an id): nothing runs.
                Log.PacketIgnored(Logger, Connection.Id, error ?? "ignored", packet.Namespace);
                return ValueTask.CompletedTask;
            case SocketIoDecodeStatus.Ignored:
                // As in Node, talking to a namespace not joined closes the connection, whatever the packet.
                Log.ProtocolViolation(Logger, Connection.Id, packet!.Type.ToString(), packet.Namespace);
                Connection.Close(SocketIoDisconnectReasons.ForcedServerClose);
                return ValueTask.CompletedTask;
            default:
                Log.ParseError(Logger, Connection.Id, error ?? "invalid packet");
                Connection.Close(SocketIoDisconnectReasons.ParseError);
                return ValueTask.CompletedTask;
        }
    }

    private ValueTask Route(SocketIoPacket packet)
    {
        if (packet.Type == SocketIoPacketType.Connect)
        {
            return new ValueTask(ConnectAsync(packet));
        }

        var socket = Find(packet.Namespace);
        if (socket is null || packet.Type == SocketIoPacketType.ConnectError)
        {
            // Node closes the connection when a client talks to a namespace it has not joined, or sends a
            // CONNECT_ERROR, which only servers send.
            Log.ProtocolViolation(Logger, Connection.Id, packet.Type.ToString(), packet.Namespace);
            Connection.Close(SocketIoDisconnectReasons.ForcedServerClose);
            return ValueTask.CompletedTask;
        }

        switch (packet.Type)
        {
            case SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent:
                var values = ToArray(packet.Data);
                var first = values[0];
                var name = first.ValueKind == JsonValueKind.String ? first.GetString()! : first.GetRawText();
                var args = new SocketIoArguments(values[1..], packet.Attachments);

                // Not awaited: handlers run concurrently with the connection's next packets, as in Node, so a
                // handler awaiting this client's acknowledgement cannot hold up that acknowledgement.
                _ = socket.DispatchAsync(name, args, packet.AckId);
                break;
            case SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck:
                socket.OnAck(packet.AckId!.Value, new SocketIoArguments(ToArray(packet.Data), packet.Attachments));
                break;
            case SocketIoPacketType.Disconnect:
                socket.OnClose(SocketIoDisconnectReasons.ClientNamespaceDisconnect);
                break;
        }

        return ValueTask.CompletedTask;
    }

    private async Task ConnectAsync(SocketIoPacket packet)
    {
        if (Find(packet.Namespace) is not null)
        {
            Log.ProtocolViolation(Logger, Connection.Id, "second CONNECT", packet.Namespace);
            Connection.Close(SocketIoDisconnectReasons.ForcedServerClose);
            return;
        }

        var auth = packet.Data ?? EmptyAuth;
        var nsp = await _server.ResolveAsync(packet.Namespace, auth).ConfigureAwait(false);
        if (nsp is null)
        {
            Log.InvalidNamespace(Logger, Connection.Id, packet.Namespace);
            Send(Namespace.ConnectError(Parser, packet.Namespace, "Invalid namespace", data: null), isVolatile: false);
            return;
        }

        await nsp.ConnectAsync(this, auth).ConfigureAwait(false);
    }

    private void OnConnectTimeout()
    {
        bool joined;
        lock (_sockets)
        {
            joined = _sockets.Count > 0;
        }

        if (!joined && Connection.IsOpen)
        {
            Log.ConnectTimeout(Logger, Connection.Id);
            Connection.Close(SocketIoDisconnectReasons.ForcedClose);
        }
    }

    private static JsonElement[] ToArray(JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Array } array)
        {
            return [];
        }

        var values = new JsonElement[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item;
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

        [LoggerMessage(306, LogLevel.Error, "Connection {ConnectionId}: the CONNECT to {Namespace} failed; the connection was refused.")]
        public static partial void ConnectFailed(ILogger logger, string connectionId, string @namespace, Exception exception);

        [LoggerMessage(310, LogLevel.Debug, "Connection {ConnectionId} sent a packet for {Namespace} that is dropped ({Reason}).")]
        public static partial void PacketIgnored(ILogger logger, string connectionId, string reason, string @namespace);
    }
}
