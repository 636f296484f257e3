namespace SocketIo.Protocol.Engine;

/// <summary>Decodes one Engine.IO v4 text packet: a type digit <c>0</c>–<c>6</c>, then the data.</summary>
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
}
