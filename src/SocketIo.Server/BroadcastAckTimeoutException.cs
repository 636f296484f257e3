namespace SocketIo.Server;

/// <summary>
/// Thrown by an emit that collects many acknowledgements — a broadcast's (one per socket) or a server-side emit's (one
/// per node) — when some did not answer within the timeout. <see cref="Responses"/> holds the answers that did arrive.
/// </summary>
public sealed class BroadcastAckTimeoutException : TimeoutException
{
    /// <summary>Initializes a new instance with the answers received before the timeout.</summary>
    public BroadcastAckTimeoutException(IReadOnlyList<SocketIoArguments> responses, int expected)
        : base($"Broadcast acknowledgement timed out: {responses?.Count ?? 0} of {expected} clients answered.")
    {
        Responses = responses ?? [];
    }

    /// <summary>Initializes a new instance.</summary>
    public BroadcastAckTimeoutException()
        : this([], 0)
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    public BroadcastAckTimeoutException(string message)
        : base(message) => Responses = [];

    /// <summary>Initializes a new instance with a message and an inner exception.</summary>
    public BroadcastAckTimeoutException(string message, Exception innerException)
        : base(message, innerException) => Responses = [];

    /// <summary>Initializes a new instance with a message, the answers received and the cause.</summary>
    internal BroadcastAckTimeoutException(string message, IReadOnlyList<SocketIoArguments> responses, Exception innerException)
        : base(message, innerException) => Responses = responses;

    /// <summary>Gets the answers received before the timeout.</summary>
    public IReadOnlyList<SocketIoArguments> Responses { get; }
}
