namespace SocketIo.Adapters.Cluster;

/// <summary>A node is closing its adapter: nodes that count heartbeats forget it at once. No data.</summary>
internal sealed record AdapterCloseMessage : ClusterMessage
{
    /// <summary>The one instance.</summary>
    public static readonly AdapterCloseMessage Instance = new();

    private AdapterCloseMessage()
    {
    }

    /// <inheritdoc />
    public override ClusterMessageType Type => ClusterMessageType.AdapterClose;
}
