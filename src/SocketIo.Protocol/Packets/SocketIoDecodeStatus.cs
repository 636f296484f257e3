namespace SocketIo.Protocol.Packets;

/// <summary>The outcome of one <see cref="SocketIoPacketDecoder"/> call.</summary>
public enum SocketIoDecodeStatus
{
    /// <summary>A complete packet was decoded.</summary>
    Packet,

    /// <summary>A binary packet header was accepted; its attachments must follow as binary messages.</summary>
    AwaitingAttachments,

    /// <summary>The input is not a valid packet; the connection should be closed. The decoder has been reset.</summary>
    Error,
}
