namespace SocketIo.Engine;

/// <summary>What became of frames handed to <see cref="IEngineIoConnection.Send"/>.</summary>
public enum EngineSendResult
{
    /// <summary>The frames are queued and will be written in order.</summary>
    Queued,

    /// <summary>Volatile frames were dropped because the client could not take them right now.</summary>
    DroppedVolatile,

    /// <summary>The session is closed (or closing); nothing was queued.</summary>
    Closed,

    /// <summary>The outbound queue was full: the session was closed with <see cref="EngineCloseReasons.TransportError"/>.</summary>
    Overflow,
}
