namespace SocketIo.Adapters.Cluster;

/// <summary>A node is alive. No data.</summary>
internal sealed record HeartbeatMessage : ClusterMessage
{
    /// <summary>The one instance.</summary>
    public static readonly HeartbeatMessage Instance = new();

    private HeartbeatMessage()
    {
    }

    /// <inheritdoc />
    public override ClusterMessageType Type => ClusterMessageType.Heartbeat;
}
