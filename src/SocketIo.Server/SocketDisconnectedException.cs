namespace SocketIo.Server;

/// <summary>Thrown by an awaited acknowledgement when the socket disconnects before the client answered.</summary>
public sealed class SocketDisconnectedException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public SocketDisconnectedException()
        : base("The socket disconnected before the acknowledgement arrived.")
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    public SocketDisconnectedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and an inner exception.</summary>
    public SocketDisconnectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
