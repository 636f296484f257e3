using System.Buffers;

namespace SocketIo.Protocol.Engine;

/// <summary>
/// WebSocket messages of Engine.IO protocol v3. Text messages are packets as in v4 (<c>4hello</c>, <c>2probe</c>), or
/// <c>b4</c>+base64 for a binary message from a client forced to base64. A binary message starts with the packet type
/// byte, 4 for every message: <c>[4, 1, 2, 3]</c> carries 01 02 03, both ways. A session whose WebSocket request
/// asked for <c>b64=1</c> gets binary messages as <c>b4</c>+base64 text instead.
/// </summary>
internal static class WebSocketMessageV3
{
    /// <summary>The type byte that leads every binary message.</summary>
    public const byte BinaryMessageType = (byte)EnginePacketType.Message;

    /// <summary>
    /// Reads a text message: a packet, or <c>b4</c>+base64 (decoded into a new array). Never throws on client input.
    /// </summary>
    /// <returns><see cref="PayloadDecodeResult.Success"/>, <see cref="PayloadDecodeResult.InvalidPacketType"/> or <see cref="PayloadDecodeResult.InvalidBase64"/>.</returns>
    public static PayloadDecodeResult TryDecodeText(ReadOnlyMemory<byte> utf8, out EnginePacket packet) =>
        EnginePacketParser.ParseV3Text(utf8, out packet);

    /// <summary>
    /// Reads a binary message: the type byte 4, then the data, which points into <paramref name="message"/>. Returns
    /// <see langword="false"/> when it is empty or led by another type byte. Never throws on client input.
    /// </summary>
    public static bool TryDecodeBinary(ReadOnlyMemory<byte> message, out EnginePacket packet)
    {
        if (message.IsEmpty || message.Span[0] != BinaryMessageType)
        {
            packet = default;
            return false;
        }

        packet = new EnginePacket(EnginePacketType.Message, message[1..], isBinary: true);
        return true;
    }

    /// <summary>Writes a binary message as a binary WebSocket message: the type byte 4, then <paramref name="data"/>.</summary>
    public static void WriteBinary(IBufferWriter<byte> writer, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(1 + data.Length);
        span[0] = BinaryMessageType;
        data.CopyTo(span[1..]);
        writer.Advance(1 + data.Length);
    }

    /// <summary>Writes a binary message as a text WebSocket message, <c>b4</c>+base64, for sessions that asked for <c>b64=1</c>.</summary>
    public static void WriteBase64(IBufferWriter<byte> writer, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Base64Message.Write(writer, "b4"u8, data);
    }
}
