namespace SocketIo.Engine;

/// <summary>The reasons an Engine.IO session closes, as the Node reference names them.</summary>
public static class EngineCloseReasons
{
    /// <summary>The client stopped answering pings within the ping timeout.</summary>
    public const string PingTimeout = "ping timeout";

    /// <summary>The client closed the session, or its connection went away.</summary>
    public const string TransportClose = "transport close";

    /// <summary>The transport failed: a protocol violation such as a duplicate GET, or the connection dropped mid-request.</summary>
    public const string TransportError = "transport error";

    /// <summary>
    /// The client did not read fast enough: a send would have taken its outbound buffer past
    /// <see cref="EngineIoOptions.MaxBufferedBytes"/>.
    /// </summary>
    public const string OutboundBufferFull = "outbound buffer full";

    /// <summary>The client sent something that is not an Engine.IO packet.</summary>
    public const string ParseError = "parse error";

    /// <summary>The application closed the session (<see cref="IEngineIoConnection.Close"/>).</summary>
    public const string ForcedClose = "forced close";

    /// <summary>The host is stopping.</summary>
    public const string ServerShuttingDown = "server shutting down";
}
