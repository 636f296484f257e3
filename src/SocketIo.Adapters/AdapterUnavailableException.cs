namespace SocketIo.Adapters;

/// <summary>
/// Thrown by a cluster-wide operation while the adapter cannot reach the other nodes (its bus is down): the operation
/// was applied to this node's sockets where that makes sense (a broadcast, a join) and failed fast for the rest, rather
/// than waiting for a timeout. The adapter recovers by itself when the bus returns.
/// </summary>
public sealed class AdapterUnavailableException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public AdapterUnavailableException()
        : this("The adapter cannot reach the other nodes.")
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    public AdapterUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the bus's own error.</summary>
    public AdapterUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
