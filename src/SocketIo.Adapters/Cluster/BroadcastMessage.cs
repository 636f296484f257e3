using SocketIo.Adapters.Wire;

namespace SocketIo.Adapters.Cluster;

/// <summary>
/// An event for the matching sockets: <c>{"packet","opts"}</c>, or with acknowledgements
/// <c>{"packet","requestId","opts"}</c> (each receiver then answers with a client count and one acknowledgement per client).
/// </summary>
/// <param name="Packet">The packet object; its namespace is not sent.</param>
/// <param name="Options">Who receives it.</param>
/// <param name="RequestId">Set when the sender collects acknowledgements.</param>
internal sealed record BroadcastMessage(BroadcastPacket Packet, BroadcastOptions Options, string? RequestId = null) : ClusterMessage
{
    /// <inheritdoc />
    public override ClusterMessageType Type => ClusterMessageType.Broadcast;

    /// <inheritdoc />
    public override bool HasBinary => Packet.HasBinary;
}
