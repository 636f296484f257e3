namespace SocketIo.Server;

/// <summary>
/// Thrown by namespace middleware to refuse a connection: the client receives <c>connect_error</c> with
/// <see cref="Exception.Message"/> and <see cref="Data"/>, and no later middleware runs.
/// </summary>
public sealed class SocketIoConnectException : Exception
{
    /// <summary>Initializes a new instance with the message the client sees.</summary>
    public SocketIoConnectException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the message and extra data the client sees.</summary>
    /// <param name="message">The message, <c>err.message</c> on the client.</param>
    /// <param name="data">Any JSON-serializable value, <c>err.data</c> on the client.</param>
    public SocketIoConnectException(string message, object? data)
        : base(message) => Data = data;

    /// <summary>Initializes a new instance.</summary>
    public SocketIoConnectException()
        : base("Connection refused")
    {
    }

    /// <summary>Initializes a new instance with an inner exception (not shown to the client).</summary>
    public SocketIoConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the extra data sent to the client with the error, or <see langword="null"/>.</summary>
    public new object? Data { get; }
}
