namespace SocketIo.Adapters.Cluster;

/// <summary>Options every <see cref="ClusterAdapter"/> shares, whatever its transport.</summary>
public class ClusterAdapterOptions
{
    /// <summary>
    /// Gets or sets how long a request to the other nodes (a fetch, all rooms) waits for their answers when the
    /// operation names no timeout of its own. The default is 5 seconds (Node's <c>requestsTimeout</c>).
    /// </summary>
    public TimeSpan RequestsTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
