namespace SocketIo.Adapters.Cluster;

/// <summary>One client's acknowledgement of a <see cref="ClusterBroadcast"/> with a request id.</summary>
/// <param name="RequestId">The broadcast answered.</param>
/// <param name="Answer">The client's answer: its first argument only, as Node forwards it.</param>
public sealed record ClusterBroadcastAck(string RequestId, AckResponse Answer) : ClusterAdapterMessage
{
    /// <inheritdoc />
    public override bool IsResponse => true;
}
