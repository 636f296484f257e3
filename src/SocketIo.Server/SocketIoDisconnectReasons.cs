namespace SocketIo.Server;

/// <summary>Why a socket disconnected: the value passed to <see cref="Socket.OnDisconnect"/> and <see cref="Socket.OnDisconnecting"/>.</summary>
public static class SocketIoDisconnectReasons
{
    /// <summary>The server disconnected the socket with <see cref="Socket.Disconnect(bool)"/>.</summary>
    public const string ServerNamespaceDisconnect = "server namespace disconnect";

    /// <summary>The client disconnected the socket.</summary>
    public const string ClientNamespaceDisconnect = "client namespace disconnect";

    /// <summary>The server is shutting down.</summary>
    public const string ServerShuttingDown = "server shutting down";

    /// <summary>The client did not answer a ping in time.</summary>
    public const string PingTimeout = "ping timeout";

    /// <summary>The connection was closed (the user left, the network changed).</summary>
    public const string TransportClose = "transport close";

    /// <summary>The connection failed, or the client could not keep up with what was sent to it.</summary>
    public const string TransportError = "transport error";

    /// <summary>The client sent a packet that is not valid Socket.IO.</summary>
    public const string ParseError = "parse error";

    /// <summary>The underlying connection was closed by the server.</summary>
    public const string ForcedClose = "forced close";

    /// <summary>The client broke the protocol's order of packets, and the server closed the connection.</summary>
    public const string ForcedServerClose = "forced server close";
}
