using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Cluster;

/// <summary>One client's acknowledgement of a broadcast: <c>{"requestId","packet"}</c>, the first argument only.</summary>
/// <param name="RequestId">The broadcast answered.</param>
/// <param name="Packet">The acknowledgement's first argument; <see langword="null"/> when there was none.</param>
internal sealed record BroadcastAckMessage(string RequestId, PayloadValue? Packet) : ClusterMessage
{
    /// <inheritdoc />
    public override ClusterMessageType Type => ClusterMessageType.BroadcastAck;

    /// <inheritdoc />
    public override bool HasBinary => Packet?.HasBinary == true;
}
