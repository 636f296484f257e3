namespace SocketIo.Engine;

/// <summary>The error codes of Engine.IO request refusals, as the reference numbers them.</summary>
internal enum EngineErrorCode
{
    /// <summary>Missing, unknown or disabled transport.</summary>
    TransportUnknown = 0,

    /// <summary>Unknown or closed sid.</summary>
    UnknownSid = 1,

    /// <summary>A handshake with a method other than GET.</summary>
    BadHandshakeMethod = 2,

    /// <summary>A request that does not fit the session (wrong transport, plain GET for websocket).</summary>
    BadRequest = 3,

    /// <summary>Refused by <see cref="EngineIoOptions.AllowRequest"/>.</summary>
    Forbidden = 4,

    /// <summary>EIO missing, or other than 4 (and 3 when <see cref="EngineIoOptions.AllowEio3"/> is set).</summary>
    UnsupportedProtocolVersion = 5,
}
