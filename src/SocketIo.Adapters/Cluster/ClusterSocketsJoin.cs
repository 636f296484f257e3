namespace SocketIo.Adapters.Cluster;

/// <summary>The matching sockets of every other node join rooms.</summary>
/// <param name="Options">Which sockets.</param>
/// <param name="Rooms">The rooms to join.</param>
public sealed record ClusterSocketsJoin(BroadcastOptions Options, IReadOnlyList<string> Rooms) : ClusterAdapterMessage;
