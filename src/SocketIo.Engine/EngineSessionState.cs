namespace SocketIo.Engine;

/// <summary>The life of a session.</summary>
internal enum EngineSessionState
{
    /// <summary>Messages flow both ways.</summary>
    Open,

    /// <summary>A server-side close is flushing the queue and the close packet; nothing more is accepted.</summary>
    Closing,

    /// <summary>Gone: removed from the registry, transports released.</summary>
    Closed,
}
