using SocketIo.Adapters.Wire;

namespace SocketIo.Adapters.Cluster;

/// <summary>One node's matching sockets: <c>{"requestId","sockets"}</c>.</summary>
/// <param name="RequestId">The request answered.</param>
/// <param name="Sockets">The sockets.</param>
internal sealed record FetchSocketsResponseMessage(string RequestId, IReadOnlyList<FetchedSocket> Sockets) : ClusterMessage
{
    /// <inheritdoc />
    public override ClusterMessageType Type => ClusterMessageType.FetchSocketsResponse;

    /// <inheritdoc />
    public override bool HasBinary => Sockets.Any(static socket => socket.HasBinary);
}
