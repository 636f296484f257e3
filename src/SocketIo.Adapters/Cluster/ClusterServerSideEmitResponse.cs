namespace SocketIo.Adapters.Cluster;

/// <summary>One node's answer to a <see cref="ClusterServerSideEmit"/> with a request id.</summary>
/// <param name="RequestId">The request answered.</param>
/// <param name="Answer">The answer: its first argument only, as Node forwards it.</param>
public sealed record ClusterServerSideEmitResponse(string RequestId, AckResponse Answer) : ClusterAdapterMessage
{
    /// <inheritdoc />
    public override bool IsResponse => true;
}
