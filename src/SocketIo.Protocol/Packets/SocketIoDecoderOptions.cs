namespace SocketIo.Protocol.Packets;

/// <summary>Limits applied by <see cref="SocketIoPacketDecoder"/> to what a client may send.</summary>
public sealed class SocketIoDecoderOptions
{
    /// <summary>
    /// Gets or sets the largest attachment count a binary packet may announce. A count of 0 or above this limit is
    /// rejected. The default is 10, as in the Node reference parser; at most 10,000 is allowed, since the
    /// decoder reserves a slot per announced attachment.
    /// </summary>
    public int MaxAttachments { get; set; } = 10;

    /// <summary>
    /// Gets or sets the deepest nesting of arrays and objects allowed in a payload. The default is 64; at most 1000
    /// is allowed, the depth a <see cref="System.Text.Json.Utf8JsonWriter"/> writes by default.
    /// </summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>
    /// Gets or sets the longest namespace accepted, in UTF-8 bytes including the leading <c>/</c>. The default is 256.
    /// </summary>
    public int MaxNamespaceLength { get; set; } = 256;

    /// <summary>
    /// Gets or sets the protocol revision the client speaks. The default is <see cref="SocketIoProtocolVersion.V5"/>;
    /// <see cref="SocketIoProtocolVersion.V4"/> is for the 1.x and 2.x clients (an Engine.IO v3 session).
    /// </summary>
    public SocketIoProtocolVersion ProtocolVersion { get; set; } = SocketIoProtocolVersion.V5;
}
