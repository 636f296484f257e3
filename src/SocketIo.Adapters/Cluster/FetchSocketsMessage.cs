namespace SocketIo.Adapters.Cluster;

/// <summary>Asks every node for its matching sockets: <c>{"opts","requestId"}</c>.</summary>
/// <param name="Options">Which sockets (<c>flags.timeout</c> may bound the wait).</param>
/// <param name="RequestId">What the answers refer to.</param>
internal sealed record FetchSocketsMessage(BroadcastOptions Options, string RequestId) : ClusterMessage
{
    /// <inheritdoc />
    public override ClusterMessageType Type => ClusterMessageType.FetchSockets;
}
