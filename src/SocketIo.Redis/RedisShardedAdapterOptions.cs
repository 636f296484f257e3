using SocketIo.Adapters.Cluster;
using SocketIo.Redis.Sharded;

namespace SocketIo.Redis;

/// <summary>
/// Options of the sharded Redis adapter (Node's <c>createShardedAdapter</c>, Redis 7 sharded pub/sub). Every node of a
/// cluster, Node's included, must use the same <see cref="ChannelPrefix"/> and <see cref="SubscriptionMode"/>.
/// <see cref="ClusterAdapterOptions.RequestsTimeout"/> bounds a fetch that names no timeout (5 seconds by default).
/// </summary>
public sealed class RedisShardedAdapterOptions : ClusterAdapterOptions
{
    /// <summary>Gets or sets the prefix of every channel. The default is <c>socket.io</c>, Node's.</summary>
    public string ChannelPrefix { get; set; } = "socket.io";

    /// <summary>
    /// Gets or sets which rooms get a channel of their own, so a broadcast to one room reaches only the nodes that
    /// have it. The default is <see cref="ShardedSubscriptionMode.Dynamic"/>, Node's.
    /// </summary>
    public ShardedSubscriptionMode SubscriptionMode { get; set; } = ShardedSubscriptionMode.Dynamic;
}
