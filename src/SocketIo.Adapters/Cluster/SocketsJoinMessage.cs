namespace SocketIo.Adapters.Cluster;

/// <summary>The matching sockets join rooms: <c>{"opts","rooms"}</c>.</summary>
/// <param name="Options">Which sockets.</param>
/// <param name="Rooms">The rooms to join.</param>
internal sealed record SocketsJoinMessage(BroadcastOptions Options, IReadOnlyList<string> Rooms) : ClusterMessage
{
    /// <inheritdoc />
    public override ClusterMessageType Type => ClusterMessageType.SocketsJoin;
}
