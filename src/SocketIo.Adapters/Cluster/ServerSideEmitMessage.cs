using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Cluster;

/// <summary>
/// An event for the other nodes' server-side listeners: <c>{"packet":[name,…args]}</c>, or <c>{"requestId","packet"}</c>
/// when the sender wants one acknowledgement per node (the request id's presence is what asks for it).
/// </summary>
/// <param name="Packet">The event name and arguments.</param>
/// <param name="RequestId">Set when the sender collects acknowledgements.</param>
internal sealed record ServerSideEmitMessage(PacketPayload Packet, string? RequestId = null) : ClusterMessage
{
    /// <inheritdoc />
    public override ClusterMessageType Type => ClusterMessageType.ServerSideEmit;

    /// <inheritdoc />
    public override bool HasBinary => Packet.Attachments.Count > 0;
}
