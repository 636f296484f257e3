namespace SocketIo.Adapters.Cluster;

/// <summary>
/// How many sockets one node queued an acknowledged broadcast to. Sent once per node and request, 0 included, or the
/// sender waits until its timeout.
/// </summary>
/// <param name="RequestId">The broadcast answered.</param>
/// <param name="ClientCount">How many acknowledgements to expect from that node.</param>
public sealed record ClusterBroadcastClientCount(string RequestId, int ClientCount) : ClusterAdapterMessage
{
    /// <inheritdoc />
    public override bool IsResponse => true;
}
