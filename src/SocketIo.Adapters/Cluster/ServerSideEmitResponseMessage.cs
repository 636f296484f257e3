using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Cluster;

/// <summary>One node's acknowledgement of a server-side emit: <c>{"requestId","packet"}</c>, the first argument only.</summary>
/// <param name="RequestId">The request answered.</param>
/// <param name="Packet">The acknowledgement's first argument; <see langword="null"/> when there was none.</param>
internal sealed record ServerSideEmitResponseMessage(string RequestId, PayloadValue? Packet) : ClusterMessage
{
    /// <inheritdoc />
    public override ClusterMessageType Type => ClusterMessageType.ServerSideEmitResponse;

    /// <inheritdoc />
    public override bool HasBinary => Packet?.HasBinary == true;
}
