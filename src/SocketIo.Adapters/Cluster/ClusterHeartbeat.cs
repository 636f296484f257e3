namespace SocketIo.Adapters.Cluster;

/// <summary>
/// A node is alive (Node's <c>HEARTBEAT</c>), or has just started (<c>INITIAL_HEARTBEAT</c>, which heartbeat-counting
/// nodes answer with a heartbeat of their own). Only transports that count nodes by heartbeats send it; the base
/// <see cref="ClusterAdapter"/> ignores it.
/// </summary>
/// <param name="IsInitial">Whether the node has just started.</param>
public sealed record ClusterHeartbeat(bool IsInitial = false) : ClusterAdapterMessage;
