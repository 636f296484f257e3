using System.Buffers;

namespace SocketIo.Protocol.Engine;

/// <summary>
/// Long-polling payloads of Engine.IO protocol v3 (<c>EIO=3</c>, the Socket.IO 1.x and 2.x clients). Two framings:
/// <list type="bullet">
/// <item><b>Text</b>: <c>&lt;length&gt;:&lt;packet&gt;</c> repeated with no separator, the length in UTF-16 code units
/// (the JavaScript string length: <c>€</c> counts 1, an emoji 2); a binary message is <c>b4</c> and base64
/// (<c>10:b4AQIDBA==</c>); an empty payload is <c>0:</c>.</item>
/// <item><b>Binary</b> (<see cref="BinaryContentType"/>): per packet a byte 0 (string) or 1 (binary), the decimal digits
/// of its length in bytes as byte values 0–9, <c>0xFF</c>, then the packet: a string packet as UTF-8, a binary one
/// as the type byte 4 and the raw bytes.</item>
/// </list>
/// Clients POST either framing: binary whenever their batch holds binary and they did not ask for base64. The server
/// answers a GET in binary framing only when the session did not ask for <c>b64=1</c> at its handshake and the batch
/// holds binary; every packet of the batch is then framed that way, text ones included (as the Node server does).
/// </summary>
/// <remarks>
/// The decoders never throw on client input and are all or nothing: a malformed body yields a failure and no packets.
/// They are stricter than the Node parser where it guesses: lengths are plain decimal digits, a binary-payload entry
/// is marked exactly 0 or 1, a length past the end of the body is an error, and a binary packet must be a message.
/// </remarks>
internal static partial class PollingPayloadV3
{
    /// <summary>The <c>Content-Type</c> of a text-framed body, request or response.</summary>
    public const string TextContentType = "text/plain; charset=UTF-8";

    /// <summary>The <c>Content-Type</c> of a binary-framed body; a POST is read in binary framing exactly when it has this one.</summary>
    public const string BinaryContentType = "application/octet-stream";

    /// <summary>Lengths have at most this many digits: more than any body the server reads.</summary>
    private const int MaxLengthDigits = 10;

    /// <summary>The type byte or digit of a binary message.</summary>
    private const byte MessageType = (byte)EnginePacketType.Message;

    /// <summary>
    /// Splits a text-framed POST body into packets. Text packets point into <paramref name="body"/>; binary messages
    /// (<c>b4</c>+base64) are decoded into new arrays. A <c>0:</c> segment holds no packet and is skipped.
    /// </summary>
    /// <param name="body">The request body, UTF-8.</param>
    /// <param name="maxPackets">The most segments accepted in one body, empty ones included.</param>
    /// <param name="packets">Receives the packets, in order (cleared on failure).</param>
    public static PayloadDecodeResult TryDecodeText(ReadOnlyMemory<byte> body, int maxPackets, List<EnginePacket> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        return ClearOnFailure(DecodeTextCore(body, maxPackets, packets), packets);
    }

    /// <summary>Tells whether a GET answering with <paramref name="frames"/> uses binary framing.</summary>
    /// <param name="frames">The batch.</param>
    /// <param name="supportsBinary">
    /// Whether the session's handshake query had no non-empty <c>b64</c> (the Node server takes any value, <c>b64=0</c>
    /// included, as asking for base64).
    /// </param>
    public static bool UsesBinaryFraming(ReadOnlySpan<EngineFrame> frames, bool supportsBinary)
    {
        if (!supportsBinary)
        {
            return false;
        }

        foreach (var frame in frames)
        {
            if (frame.IsBinary)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes <paramref name="frames"/> as one GET response body, in the framing the session gets.</summary>
    /// <param name="frames">The batch; may be empty.</param>
    /// <param name="supportsBinary">
    /// Whether the session's handshake query had no non-empty <c>b64</c> (the Node server takes any value, <c>b64=0</c>
    /// included, as asking for base64).
    /// </param>
    /// <param name="writer">Where to write.</param>
    /// <returns>The framing used, which decides the response's <c>Content-Type</c>.</returns>
    public static PollingBodyFormat Encode(ReadOnlySpan<EngineFrame> frames, bool supportsBinary, IBufferWriter<byte> writer)
    {
        if (UsesBinaryFraming(frames, supportsBinary))
        {
            EncodeBinary(frames, writer);
            return PollingBodyFormat.Binary;
        }

        EncodeText(frames, writer);
        return PollingBodyFormat.Text;
    }

    /// <summary>Writes <paramref name="frames"/> in text framing, binary messages as <c>b4</c>+base64; <c>0:</c> when empty.</summary>
    public static void EncodeText(ReadOnlySpan<EngineFrame> frames, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (frames.IsEmpty)
        {
            writer.Write("0:"u8);
            return;
        }

        foreach (var frame in frames)
        {
            if (frame.IsBinary)
            {
                WriteDecimal(writer, Base64Message.GetEncodedLength(2, frame.Payload.Length), zero: (byte)'0');
                writer.Write(":"u8);
                Base64Message.Write(writer, "b4"u8, frame.Payload.Span);
            }
            else
            {
                var text = Utf8Text.EnsureValid(frame.Payload).Span;
                WriteDecimal(writer, Utf8Text.CountUtf16(text), zero: (byte)'0');
                writer.Write(":"u8);
                writer.Write(text);
            }
        }
    }

    private static PayloadDecodeResult DecodeTextCore(ReadOnlyMemory<byte> body, int maxPackets, List<EnginePacket> packets)
    {
        var span = body.Span;
        if (span.IsEmpty)
        {
            return PayloadDecodeResult.EmptySegment;
        }

        var segments = 0;
        var position = 0;
        while (position < span.Length)
        {
            if (!TryReadLength(span[position..], zero: (byte)'0', delimiter: (byte)':', out var length, out var headerLength))
            {
                return PayloadDecodeResult.MalformedFraming;
            }

            position += headerLength;
            if (segments++ == maxPackets)
            {
                return PayloadDecodeResult.TooManyPackets;
            }

            var measured = Utf8Text.TryMeasure(span[position..], length, out var byteCount);
            if (measured != PayloadDecodeResult.Success)
            {
                return measured;
            }

            if (byteCount == 0)
            {
                continue;
            }

            var parsed = EnginePacketParser.ParseV3Text(body.Slice(position, byteCount), out var packet);
            if (parsed != PayloadDecodeResult.Success)
            {
                return parsed;
            }

            packets.Add(packet);
            position += byteCount;
        }

        return PayloadDecodeResult.Success;
    }

    /// <summary>
    /// Reads a length: 1 to <see cref="MaxLengthDigits"/> digits, each a byte from <paramref name="zero"/> to
    /// <paramref name="zero"/> + 9, then <paramref name="delimiter"/>. <paramref name="consumed"/> includes the delimiter.
    /// </summary>
    private static bool TryReadLength(ReadOnlySpan<byte> input, byte zero, byte delimiter, out long length, out int consumed)
    {
        length = 0;
        consumed = 0;
        var window = input[..Math.Min(input.Length, MaxLengthDigits + 1)];
        var digits = window.IndexOfAnyExceptInRange(zero, (byte)(zero + 9));
        if (digits <= 0 || window[digits] != delimiter)
        {
            return false;
        }

        foreach (var digit in window[..digits])
        {
            length = (length * 10) + (digit - zero);
        }

        consumed = digits + 1;
        return true;
    }

    /// <summary>Writes the decimal digits of <paramref name="value"/>, each as <paramref name="zero"/> plus the digit.</summary>
    private static void WriteDecimal(IBufferWriter<byte> writer, long value, byte zero)
    {
        Span<byte> digits = stackalloc byte[20];
        value.TryFormat(digits, out var count, default, System.Globalization.CultureInfo.InvariantCulture);
        var span = writer.GetSpan(count);
        for (var i = 0; i < count; i++)
        {
            span[i] = (byte)(digits[i] - '0' + zero);
        }

        writer.Advance(count);
    }

    private static PayloadDecodeResult ClearOnFailure(PayloadDecodeResult result, List<EnginePacket> packets)
    {
        if (result != PayloadDecodeResult.Success)
        {
            packets.Clear();
        }

        return result;
    }
}
