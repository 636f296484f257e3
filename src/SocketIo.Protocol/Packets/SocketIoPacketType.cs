namespace SocketIo.Protocol.Packets;

/// <summary>The Socket.IO packet types (protocol v5, and v4 which has the same ones); the numeric value is the digit written on the wire.</summary>
public enum SocketIoPacketType : byte
{
    /// <summary><c>0</c>: the client joins a namespace (optional auth object); the server answers with <c>{"sid":…}</c>.</summary>
    Connect = 0,

    /// <summary><c>1</c>: leaves a namespace; carries no payload.</summary>
    Disconnect = 1,

    /// <summary><c>2</c>: an event, as a JSON array whose first element is the event name.</summary>
    Event = 2,

    /// <summary><c>3</c>: the answer to an event that carried an ack id, as a JSON array of arguments.</summary>
    Ack = 3,

    /// <summary>
    /// <c>4</c>: the server refuses a namespace connection (an object with <c>message</c>). Called ERROR in protocol v4,
    /// where its payload is the error's data or message, any value (<see cref="ConnectErrorPayload"/>).
    /// </summary>
    ConnectError = 4,

    /// <summary><c>5</c>: an event whose arguments hold binary attachments, sent as separate binary frames.</summary>
    BinaryEvent = 5,

    /// <summary><c>6</c>: an ack whose arguments hold binary attachments, sent as separate binary frames.</summary>
    BinaryAck = 6,
}
