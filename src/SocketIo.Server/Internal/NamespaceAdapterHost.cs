using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using SocketIo.Adapters.Diagnostics;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;

namespace SocketIo.Server.Internal;

/// <summary>How a namespace's adapter reaches the namespace's sockets and server-side listeners on this node.</summary>
internal sealed class NamespaceAdapterHost(Namespace nsp) : IAdapterHost, IMetricsNamespace
{
    public string NamespaceName => nsp.Name;

    public string MetricsNamespace => Diagnostics.ServerTelemetry.Label(nsp);

    public string ServerId => nsp.Server.ServerId;

    public TimeProvider TimeProvider => nsp.Server.TimeProvider;

    public ILogger Logger => nsp.Server.AdapterLogger;

    public ISocketIoParser Parser => nsp.Server.Parser;

    public ConnectionStateRecoveryOptions? ConnectionStateRecovery => nsp.Server.Options.ConnectionStateRecovery;

    public bool Send(string socketId, ReadOnlySpan<EngineFrame> frames, bool isVolatile)
    {
        if (!nsp.Sockets.TryGetValue(socketId, out var socket))
        {
            return false;
        }

        socket.Client.Send(frames, isVolatile);
        return true;
    }

    public bool SendWithAck(string socketId, ReadOnlySpan<EngineFrame> frames, long ackId, TimeSpan timeout, Action<AckResponse> onAck)
        => nsp.Sockets.TryGetValue(socketId, out var socket) && socket.TrySendWithAck(frames, ackId, timeout, onAck);

    public long NextAckId() => nsp.NextAckId();

    public void Disconnect(string socketId, bool close)
    {
        if (nsp.Sockets.TryGetValue(socketId, out var socket))
        {
            socket.Disconnect(close);
        }
    }

    public SocketDetails? Describe(string socketId)
        => nsp.Sockets.TryGetValue(socketId, out var socket) ? SocketDescription.Describe(socket, nsp.Server.Logger) : null;

    public void OnServerSideEmit(PacketPayload packet, Action<AckResponse>? ack) => nsp.ReceiveServerSideEmit(packet, ack);
}
