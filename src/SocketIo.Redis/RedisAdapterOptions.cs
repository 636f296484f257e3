namespace SocketIo.Redis;

/// <summary>
/// Options of the classic Redis adapter (Node's <c>@socket.io/redis-adapter</c> <c>createAdapter</c>). Every node of a
/// cluster, Node's included, must use the same <see cref="Key"/>.
/// </summary>
public sealed class RedisAdapterOptions
{
    /// <summary>Gets or sets the prefix of every channel. The default is <c>socket.io</c>, Node's.</summary>
    public string Key { get; set; } = "socket.io";

    /// <summary>
    /// Gets or sets how long a request to the other nodes (all rooms, a fetch) waits for their answers. The default is
    /// 5 seconds (Node's <c>requestsTimeout</c>).
    /// </summary>
    public TimeSpan RequestsTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets whether this node answers a request on the requester's own response channel rather than on the
    /// shared one, so that only the requester receives the answer. Every node listens on both, so nodes may differ.
    /// The default is <see langword="false"/> (Node's <c>publishOnSpecificResponseChannel</c>).
    /// </summary>
    public bool PublishOnSpecificResponseChannel { get; set; }
}
