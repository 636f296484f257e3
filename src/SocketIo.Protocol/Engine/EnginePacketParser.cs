namespace SocketIo.Protocol.Engine;

/// <summary>Decodes one Engine.IO text packet: a type digit <c>0</c>–<c>6</c>, then the data.</summary>
internal static class EnginePacketParser
{
    /// <summary>
    /// Reads a text packet. Returns <see langword="false"/> for client input that is not a packet (empty, or a first
    /// byte that is not a type digit); never throws on client input.
    /// </summary>
    public static bool TryParseText(ReadOnlyMemory<byte> utf8, out EnginePacket packet)
    {
        var span = utf8.Span;
        if (span.IsEmpty || span[0] < (byte)'0' || span[0] > (byte)'6')
        {
            packet = default;
            return false;
        }

        packet = new EnginePacket((EnginePacketType)(span[0] - '0'), utf8[1..]);
        return true;
    }

    /// <summary>
    /// Reads one protocol v3 packet given as text: a text packet as <see cref="TryParseText"/> reads it, or a binary
    /// message written as <c>b4</c> and the base64 of its bytes (decoded into a new array). A <c>b</c> with any other
    /// type is refused: the clients only send messages that way. Never throws on client input.
    /// </summary>
    public static PayloadDecodeResult ParseV3Text(ReadOnlyMemory<byte> utf8, out EnginePacket packet)
    {
        var span = utf8.Span;
        if (span.Length >= 2 && span[0] == (byte)'b' && span[1] == (byte)'0' + (byte)EnginePacketType.Message)
        {
            var decoded = Base64Message.TryDecode(span[2..]);
            packet = decoded is null ? default : new EnginePacket(EnginePacketType.Message, decoded, isBinary: true);
            return decoded is null ? PayloadDecodeResult.InvalidBase64 : PayloadDecodeResult.Success;
        }

        return TryParseText(utf8, out packet) ? PayloadDecodeResult.Success : PayloadDecodeResult.InvalidPacketType;
    }
}
