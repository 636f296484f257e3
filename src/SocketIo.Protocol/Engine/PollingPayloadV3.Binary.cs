using System.Buffers;

namespace SocketIo.Protocol.Engine;

/// <summary>The binary framing: a marker byte, the length's digits as byte values 0–9, <c>0xFF</c>, the packet.</summary>
internal static partial class PollingPayloadV3
{
    /// <summary>Marks a string packet in binary framing.</summary>
    private const byte StringMarker = 0;

    /// <summary>Marks a binary packet in binary framing.</summary>
    private const byte BinaryMarker = 1;

    /// <summary>Ends the length digits in binary framing.</summary>
    private const byte LengthEnd = 0xFF;

    /// <summary>
    /// Splits a binary-framed POST body (sent as <see cref="BinaryContentType"/>) into packets. String packets point
    /// into <paramref name="body"/>, their UTF-8 passed on as is; binary messages are copied into new arrays.
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <param name="maxPackets">The most packets accepted in one body.</param>
    /// <param name="packets">Receives the packets, in order (cleared on failure).</param>
    public static PayloadDecodeResult TryDecodeBinary(ReadOnlyMemory<byte> body, int maxPackets, List<EnginePacket> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        return ClearOnFailure(DecodeBinaryCore(body, maxPackets, packets), packets);
    }

    /// <summary>
    /// Writes <paramref name="frames"/> in binary framing: text packets as UTF-8 (length in bytes), binary messages as
    /// the type byte 4 and their bytes.
    /// </summary>
    public static void EncodeBinary(ReadOnlySpan<EngineFrame> frames, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var frame in frames)
        {
            if (frame.IsBinary)
            {
                WriteBinaryHeader(writer, BinaryMarker, 1 + frame.Payload.Length);
                writer.Write([MessageType]);
                writer.Write(frame.Payload.Span);
            }
            else
            {
                var text = Utf8Text.EnsureValid(frame.Payload).Span;
                WriteBinaryHeader(writer, StringMarker, text.Length);
                writer.Write(text);
            }
        }
    }

    private static PayloadDecodeResult DecodeBinaryCore(ReadOnlyMemory<byte> body, int maxPackets, List<EnginePacket> packets)
    {
        var span = body.Span;
        if (span.IsEmpty)
        {
            return PayloadDecodeResult.EmptySegment;
        }

        var position = 0;
        while (position < span.Length)
        {
            var marker = span[position];
            if (marker is not (StringMarker or BinaryMarker)
                || !TryReadLength(span[(position + 1)..], zero: 0, delimiter: LengthEnd, out var length, out var headerLength))
            {
                return PayloadDecodeResult.MalformedFraming;
            }

            position += 1 + headerLength;
            if (length > span.Length - position)
            {
                return PayloadDecodeResult.Truncated;
            }

            if (packets.Count == maxPackets)
            {
                return PayloadDecodeResult.TooManyPackets;
            }

            if (length == 0)
            {
                return PayloadDecodeResult.EmptySegment;
            }

            var entry = body.Slice(position, (int)length);
            position += (int)length;
            EnginePacket packet;
            if (marker == StringMarker)
            {
                var parsed = EnginePacketParser.ParseV3Text(entry, out packet);
                if (parsed != PayloadDecodeResult.Success)
                {
                    return parsed;
                }
            }
            else if (entry.Span[0] == MessageType)
            {
                packet = new EnginePacket(EnginePacketType.Message, entry.Span[1..].ToArray(), isBinary: true);
            }
            else
            {
                return PayloadDecodeResult.InvalidPacketType;
            }

            packets.Add(packet);
        }

        return PayloadDecodeResult.Success;
    }

    private static void WriteBinaryHeader(IBufferWriter<byte> writer, byte marker, int length)
    {
        writer.Write([marker]);
        WriteDecimal(writer, length, zero: 0);
        writer.Write([LengthEnd]);
    }
}
