namespace SocketIo.Adapters.Cluster;

/// <summary>Asks every other node for its matching sockets; each answers with one <see cref="ClusterFetchSocketsResponse"/>.</summary>
/// <param name="Options">Which sockets.</param>
/// <param name="RequestId">What the answers refer to.</param>
public sealed record ClusterFetchSockets(BroadcastOptions Options, string RequestId) : ClusterAdapterMessage;
