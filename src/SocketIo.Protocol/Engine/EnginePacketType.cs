namespace SocketIo.Protocol.Engine;

/// <summary>The Engine.IO packet types; the numeric value is the digit written on the wire.</summary>
public enum EnginePacketType : byte
{
    /// <summary><c>0</c>: sent by the server when a session opens, with the handshake JSON.</summary>
    Open = 0,

    /// <summary><c>1</c>: the transport or the session is closing.</summary>
    Close = 1,

    /// <summary><c>2</c>: heartbeat request (server to client in protocol v4; also the upgrade probe <c>2probe</c>).</summary>
    Ping = 2,

    /// <summary><c>3</c>: heartbeat answer (also <c>3probe</c> during an upgrade).</summary>
    Pong = 3,

    /// <summary><c>4</c>: an application message.</summary>
    Message = 4,

    /// <summary><c>5</c>: the client commits the upgrade to the new transport.</summary>
    Upgrade = 5,

    /// <summary><c>6</c>: no operation; releases a pending long-polling request during an upgrade.</summary>
    Noop = 6,
}
