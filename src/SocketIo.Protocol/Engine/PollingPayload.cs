using System.Buffers;

namespace SocketIo.Protocol.Engine;

/// <summary>
/// Long-polling payload framing of Engine.IO v4: packets joined by the record separator <c>0x1E</c>. A text packet is
/// written as is; a binary message is <c>b</c> followed by the base64 of its bytes (no type digit).
/// </summary>
internal static class PollingPayload
{
    /// <summary>The record separator between packets.</summary>
    public const byte Separator = 0x1E;

    /// <summary>
    /// Splits a POST body into packets. Text packets point into <paramref name="body"/>; binary messages are decoded
    /// into new arrays. Never throws on client input: a malformed body yields a failure and no packets.
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <param name="maxPackets">The most segments accepted in one body.</param>
    /// <param name="packets">Receives the packets, in order (cleared on failure).</param>
    public static PayloadDecodeResult TryDecode(ReadOnlyMemory<byte> body, int maxPackets, List<EnginePacket> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        var result = DecodeCore(body, maxPackets, packets);
        if (result != PayloadDecodeResult.Success)
        {
            packets.Clear();
        }

        return result;
    }

    private static PayloadDecodeResult DecodeCore(ReadOnlyMemory<byte> body, int maxPackets, List<EnginePacket> packets)
    {
        var remaining = body;
        while (true)
        {
            var end = remaining.Span.IndexOf(Separator);
            var segment = end < 0 ? remaining : remaining[..end];
            if (segment.IsEmpty)
            {
                return PayloadDecodeResult.EmptySegment;
            }

            if (packets.Count == maxPackets)
            {
                return PayloadDecodeResult.TooManyPackets;
            }

            if (segment.Span[0] == (byte)'b')
            {
                var decoded = Base64Message.TryDecode(segment.Span[1..]);
                if (decoded is null)
                {
                    return PayloadDecodeResult.InvalidBase64;
                }

                packets.Add(new EnginePacket(EnginePacketType.Message, decoded, isBinary: true));
            }
            else if (EnginePacketParser.TryParseText(segment, out var packet))
            {
                packets.Add(packet);
            }
            else
            {
                return PayloadDecodeResult.InvalidPacketType;
            }

            if (end < 0)
            {
                return PayloadDecodeResult.Success;
            }

            remaining = remaining[(end + 1)..];
        }
    }

    /// <summary>Writes frames as one GET response body.</summary>
    public static void Encode(ReadOnlySpan<EngineFrame> frames, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        for (var i = 0; i < frames.Length; i++)
        {
            if (i > 0)
            {
                writer.GetSpan(1)[0] = Separator;
                writer.Advance(1);
            }

            var payload = frames[i].Payload.Span;
            if (frames[i].IsBinary)
            {
                Base64Message.Write(writer, "b"u8, payload);
            }
            else
            {
                writer.Write(payload);
            }
        }
    }
}
