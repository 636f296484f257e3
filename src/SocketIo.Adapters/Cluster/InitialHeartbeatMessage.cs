namespace SocketIo.Adapters.Cluster;

/// <summary>A node started; nodes that count heartbeats answer with a heartbeat. No data.</summary>
internal sealed record InitialHeartbeatMessage : ClusterMessage
{
    /// <summary>The one instance.</summary>
    public static readonly InitialHeartbeatMessage Instance = new();

    private InitialHeartbeatMessage()
    {
    }

    /// <inheritdoc />
    public override ClusterMessageType Type => ClusterMessageType.InitialHeartbeat;
}
