namespace SocketIo.Protocol.Engine;

/// <summary>
/// One outbound Engine.IO packet, already encoded. Text frames hold the whole packet as UTF-8, type digit
/// included (<c>4hello</c>); binary frames hold only the raw message bytes (protocol v4). The same frame may be
/// queued on many sessions: a broadcast is encoded once and the bytes are shared.
/// </summary>
public readonly struct EngineFrame
{
    private EngineFrame(bool isBinary, ReadOnlyMemory<byte> payload, bool disableCompression = false)
    {
        IsBinary = isBinary;
        Payload = payload;
        DisableCompression = disableCompression;
    }

    /// <summary>Gets a value indicating whether this is a binary message (a binary WebSocket frame, <c>b</c>+base64 in polling).</summary>
    public bool IsBinary { get; }

    /// <summary>Gets the encoded bytes: the UTF-8 text packet with its type digit, or the raw binary message.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>
    /// Gets a value indicating whether the frame must be sent uncompressed even where compression was negotiated
    /// (WebSocket per-message deflate; a polling response is compressed only if one of its frames allows it).
    /// </summary>
    public bool DisableCompression { get; }

    /// <summary>Returns the same frame, marked to be sent uncompressed.</summary>
    public EngineFrame WithoutCompression() => new(IsBinary, Payload, disableCompression: true);

    /// <summary>Creates a text frame from a complete UTF-8 encoded Engine.IO packet (type digit first).</summary>
    public static EngineFrame Text(ReadOnlyMemory<byte> utf8Packet) => new(isBinary: false, utf8Packet);

    /// <summary>Creates a binary message frame from raw bytes.</summary>
    public static EngineFrame Binary(ReadOnlyMemory<byte> data) => new(isBinary: true, data);
}
