namespace SocketIo.Adapters.Cluster;

/// <summary>
/// A node closed its adapter of the namespace (Node's <c>ADAPTER_CLOSE</c>): heartbeat-counting nodes stop waiting for
/// it at once. The base <see cref="ClusterAdapter"/> ignores it.
/// </summary>
public sealed record ClusterAdapterClosed : ClusterAdapterMessage;
