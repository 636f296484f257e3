namespace SocketIo.Server;

/// <summary>An incoming event as per-packet middleware (<see cref="Socket.Use"/>) sees it.</summary>
public sealed class SocketIoEvent
{
    internal SocketIoEvent(Socket socket, string name, SocketIoArguments arguments)
    {
        Socket = socket;
        Name = name;
        Arguments = arguments;
    }

    /// <summary>Gets the socket that received the event.</summary>
    public Socket Socket { get; }

    /// <summary>Gets the event name.</summary>
    public string Name { get; }

    /// <summary>Gets the event's arguments.</summary>
    public SocketIoArguments Arguments { get; }
}
