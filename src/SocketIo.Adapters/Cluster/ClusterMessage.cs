namespace SocketIo.Adapters.Cluster;

/// <summary>One message of the ClusterAdapter protocol: its type and data, without the envelope.</summary>
internal abstract record ClusterMessage
{
    /// <summary>Gets the type number on the wire.</summary>
    public abstract ClusterMessageType Type { get; }

    /// <summary>
    /// Gets whether the data holds binary (Node's <c>hasBinary(message.data)</c>), which some transports answer with
    /// MessagePack instead of JSON.
    /// </summary>
    public virtual bool HasBinary => false;

    /// <summary>
    /// Gets whether this is an answer to a request of the receiving node, which Node hands to its response handling
    /// whatever channel it came on.
    /// </summary>
    public bool IsResponse => Type is ClusterMessageType.FetchSocketsResponse or ClusterMessageType.ServerSideEmitResponse
        or ClusterMessageType.BroadcastClientCount or ClusterMessageType.BroadcastAck;
}
