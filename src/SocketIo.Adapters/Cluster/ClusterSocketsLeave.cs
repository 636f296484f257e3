namespace SocketIo.Adapters.Cluster;

/// <summary>The matching sockets of every other node leave rooms.</summary>
/// <param name="Options">Which sockets.</param>
/// <param name="Rooms">The rooms to leave.</param>
public sealed record ClusterSocketsLeave(BroadcastOptions Options, IReadOnlyList<string> Rooms) : ClusterAdapterMessage;
