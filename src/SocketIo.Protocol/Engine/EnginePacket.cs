namespace SocketIo.Protocol.Engine;

/// <summary>
/// One inbound Engine.IO packet as decoded from the client: its type and the bytes after the type digit. A binary
/// message (a binary WebSocket frame, or <c>b</c>+base64 in a polling payload) is a <see cref="EnginePacketType.Message"/>
/// with <see cref="IsBinary"/> set. <see cref="Data"/> points into the decoded buffer and is only valid as long as it.
/// </summary>
internal readonly struct EnginePacket
{
    public EnginePacket(EnginePacketType type, ReadOnlyMemory<byte> data, bool isBinary = false)
    {
        Type = type;
        Data = data;
        IsBinary = isBinary;
    }

    /// <summary>Gets the packet type.</summary>
    public EnginePacketType Type { get; }

    /// <summary>Gets the data after the type digit (UTF-8 for text packets, raw bytes for binary messages).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Gets a value indicating whether this is a binary message.</summary>
    public bool IsBinary { get; }

    /// <summary>Gets a value indicating whether this is the upgrade probe <c>2probe</c>.</summary>
    public bool IsProbe => Type == EnginePacketType.Ping && Data.Span.SequenceEqual("probe"u8);
}
