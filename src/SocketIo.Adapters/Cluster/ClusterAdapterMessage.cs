namespace SocketIo.Adapters.Cluster;

/// <summary>
/// A message between the adapters of one namespace on different nodes, as <see cref="ClusterAdapter"/> exchanges it:
/// the logical message of Node's ClusterAdapter protocol, with the seam's own types (payloads with attachments,
/// socket descriptions). A transport encodes it at its edge, and decodes what it receives back into one.
/// </summary>
public abstract record ClusterAdapterMessage
{
    /// <summary>Gets the sending node's id (Node's <c>uid</c>); a receiver ignores its own.</summary>
    public required string Uid { get; init; }

    /// <summary>Gets the namespace; a receiver ignores messages of another one.</summary>
    public required string Namespace { get; init; }

    /// <summary>
    /// Gets whether this answers a request of the receiving node (a fetch, a server-side emit or a broadcast with
    /// acknowledgements), so a transport can route it to the requester only.
    /// </summary>
    public virtual bool IsResponse => false;
}
