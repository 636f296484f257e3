namespace SocketIo.Adapters.Cluster;

/// <summary>The matching sockets are disconnected: <c>{"opts","close"}</c>.</summary>
/// <param name="Options">Which sockets.</param>
/// <param name="Close">Whether their whole connections close too.</param>
internal sealed record DisconnectSocketsMessage(BroadcastOptions Options, bool Close) : ClusterMessage
{
    /// <inheritdoc />
    public override ClusterMessageType Type => ClusterMessageType.DisconnectSockets;
}
