namespace SocketIo.Adapters.Cluster;

/// <summary>
/// How many sockets one node sent an acknowledged broadcast to: <c>{"requestId","clientCount"}</c>. Sent once per node
/// and request, 0 included, or the sender waits until its timeout.
/// </summary>
/// <param name="RequestId">The broadcast answered.</param>
/// <param name="ClientCount">How many acknowledgements to expect from that node.</param>
internal sealed record BroadcastClientCountMessage(string RequestId, long ClientCount) : ClusterMessage
{
    /// <inheritdoc />
    public override ClusterMessageType Type => ClusterMessageType.BroadcastClientCount;
}
