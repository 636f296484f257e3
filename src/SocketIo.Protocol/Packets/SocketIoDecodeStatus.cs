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

    /// <summary>
    /// A well-formed packet that the Node reference server decodes and then drops: an EVENT without payload
    /// (<c>42</c>, <c>421</c>) or an ACK without an ack id (<c>43[…]</c>). The packet is returned with the reason:
    /// a packet for a namespace the client has not joined still closes the connection, as in Node; otherwise it is
    /// dropped, nothing is delivered and nothing is sent back (no acknowledgement either). The decoder is ready for
    /// the next message.
    /// </summary>
    Ignored,
}
