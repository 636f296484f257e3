namespace SocketIo.Adapters.Cluster;

/// <summary>One node's matching sockets, in answer to <see cref="ClusterFetchSockets"/>.</summary>
/// <param name="RequestId">The request answered.</param>
/// <param name="Sockets">The sockets, described.</param>
public sealed record ClusterFetchSocketsResponse(string RequestId, IReadOnlyList<SocketDetails> Sockets) : ClusterAdapterMessage
{
    /// <inheritdoc />
    public override bool IsResponse => true;
}
