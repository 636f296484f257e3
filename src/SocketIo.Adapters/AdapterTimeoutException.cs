namespace SocketIo.Adapters;

/// <summary>
/// Thrown when a request to the other nodes (a fetch, a server-side emit with acknowledgement) did not get every
/// node's answer in time. <see cref="Responses"/> holds the answers to a server-side emit that did arrive.
/// </summary>
public sealed class AdapterTimeoutException : TimeoutException
{
    /// <summary>Initializes a new instance with how many nodes answered and the answers that came.</summary>
    public AdapterTimeoutException(string message, int received, int expected, IReadOnlyList<AckResponse>? responses = null)
        : base(message)
    {
        Received = received;
        Expected = expected;
        Responses = responses ?? [];
    }

    /// <summary>Initializes a new instance.</summary>
    public AdapterTimeoutException()
        : this("A request to the other nodes timed out.", 0, 0)
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    public AdapterTimeoutException(string message)
        : this(message, 0, 0)
    {
    }

    /// <summary>Initializes a new instance with a message and an inner exception.</summary>
    public AdapterTimeoutException(string message, Exception innerException)
        : base(message, innerException) => Responses = [];

    /// <summary>Gets how many nodes answered.</summary>
    public int Received { get; }

    /// <summary>Gets how many nodes were expected to answer.</summary>
    public int Expected { get; }

    /// <summary>Gets the answers of a server-side emit that arrived before the timeout (empty for other requests).</summary>
    public IReadOnlyList<AckResponse> Responses { get; }
}
