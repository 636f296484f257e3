namespace SocketIo.Adapters.Cluster;

/// <summary>The matching sockets of every other node are disconnected.</summary>
/// <param name="Options">Which sockets.</param>
/// <param name="Close">Whether their whole connections close too.</param>
public sealed record ClusterDisconnectSockets(BroadcastOptions Options, bool Close) : ClusterAdapterMessage;
