namespace SocketIo.Redis.Sharded;

/// <summary>
/// Which sharded channels a node subscribes to besides its namespace's own and its private one, and so where a
/// broadcast to one room is published. Every node of a cluster, Node's included, must use the same mode.
/// </summary>
public enum ShardedSubscriptionMode
{
    /// <summary>No room channels: everything goes through the namespace's channel.</summary>
    Static,

    /// <summary>
    /// One channel per room with local members, except rooms named after a local socket: a broadcast to one such room
    /// reaches only the nodes that have it. Node's default.
    /// </summary>
    Dynamic,

    /// <summary>As <see cref="Dynamic"/>, and socket-id rooms get their own channel too.</summary>
    DynamicPrivate,
}
