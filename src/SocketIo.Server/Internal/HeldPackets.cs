using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Internal;

/// <summary>
/// The packets a client sent for a namespace whose CONNECT is still in progress, in arrival order, each with what it
/// costs against the client's bound. Not thread-safe: the client guards it.
/// </summary>
internal sealed class HeldPackets
{
    /// <summary>Made by the first packet held: most CONNECTs complete before their client sends anything else.</summary>
    private Queue<(SocketIoPacket Packet, long Cost)>? _packets;

    /// <summary>Gets or sets what the CONNECT these packets wait for costs against the client's bound.</summary>
    public long ConnectCost { get; set; }

    /// <summary>
    /// Gets whether the last packet held is a DISCONNECT: a CONNECT may then follow it (a quick reconnect). It stays so
    /// once the DISCONNECT is taken: until its hand-over has closed the socket, a CONNECT must wait behind it, not meet
    /// the socket still connected.
    /// </summary>
    public bool EndsWithDisconnect { get; private set; }

    public void Add(SocketIoPacket packet, long cost)
    {
        (_packets ??= new()).Enqueue((packet, cost));
        EndsWithDisconnect = packet.Type == SocketIoPacketType.Disconnect;
    }

    public bool TryTake(out SocketIoPacket packet, out long cost)
    {
        if (_packets is not null && _packets.TryDequeue(out var held))
        {
            (packet, cost) = held;
            return true;
        }

        packet = null!;
        cost = 0;
        return false;
    }
}
