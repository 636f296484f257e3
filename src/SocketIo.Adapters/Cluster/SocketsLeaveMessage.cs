namespace SocketIo.Adapters.Cluster;

/// <summary>The matching sockets leave rooms: <c>{"opts","rooms"}</c>.</summary>
/// <param name="Options">Which sockets.</param>
/// <param name="Rooms">The rooms to leave.</param>
internal sealed record SocketsLeaveMessage(BroadcastOptions Options, IReadOnlyList<string> Rooms) : ClusterMessage
{
    /// <inheritdoc />
    public override ClusterMessageType Type => ClusterMessageType.SocketsLeave;
}
