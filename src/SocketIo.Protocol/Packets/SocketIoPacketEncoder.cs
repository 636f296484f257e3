using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// Writes Socket.IO v5 packets as Engine.IO text messages: <c>4</c>, the type digit, for binary types the attachment
/// count and <c>-</c>, the namespace and <c>,</c> unless it is <c>/</c>, the ack id digits, then compact JSON
/// (<c>452-/chat,7[…]</c>). Attachments are not written here: they follow as separate binary messages, in order.
/// </summary>
public static class SocketIoPacketEncoder
{
    /// <summary>The Engine.IO message type digit that prefixes every Socket.IO packet.</summary>
    private const byte EngineMessagePrefix = (byte)'4';

    /// <summary>The longest base-10 int (attachment count) and long (ack id) in bytes.</summary>
    private const int MaxIntDigits = 10;
    private const int MaxAckIdDigits = 16;

    /// <summary>
    /// Writes the Engine.IO message prefix <c>4</c> and the packet header: type digit; for binary types the
    /// attachment count and <c>-</c>; the namespace and <c>,</c> unless it is <c>/</c>; the ack id digits. Nothing else.
    /// </summary>
    /// <param name="output">Where to write.</param>
    /// <param name="type">The packet type.</param>
    /// <param name="nsp">The namespace: starts with <c>/</c>, contains no <c>,</c>.</param>
    /// <param name="attachmentCount">At least 1 for binary types, 0 for the others.</param>
    /// <param name="ackId">The ack id (0 to <see cref="SocketIoPacket.MaxAckId"/>), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An argument would produce a packet that cannot be decoded.</exception>
    public static void WriteHeader(IBufferWriter<byte> output, SocketIoPacketType type, string nsp, int attachmentCount, long? ackId)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(MaxHeaderLength(nsp));
        output.Advance(WriteHeader(span, type, nsp, attachmentCount, ackId));
    }

    /// <summary>
    /// A text packet's bytes, its header then <paramref name="json"/>, in one array of their exact length: the header
    /// is written on the stack first, unless a long namespace needs more.
    /// </summary>
    internal static byte[] ToText(SocketIoPacketType type, string nsp, int attachmentCount, long? ackId, ReadOnlySpan<byte> json)
    {
        var maxHeader = MaxHeaderLength(nsp);
        Span<byte> header = maxHeader <= 256 ? stackalloc byte[256] : new byte[maxHeader];
        var headerLength = WriteHeader(header, type, nsp, attachmentCount, ackId);
        var text = new byte[headerLength + json.Length];
        header[..headerLength].CopyTo(text);
        json.CopyTo(text.AsSpan(headerLength));
        return text;
    }

    /// <summary>The most bytes <see cref="WriteHeader(Span{byte}, SocketIoPacketType, string, int, long?)"/> writes for <paramref name="nsp"/>.</summary>
    internal static int MaxHeaderLength(string nsp)
    {
        ArgumentNullException.ThrowIfNull(nsp);
        return 2 + MaxIntDigits + 1 + (nsp != "/" ? Encoding.UTF8.GetMaxByteCount(nsp.Length) + 1 : 0) + MaxAckIdDigits;
    }

    /// <summary>
    /// Writes what <see cref="WriteHeader(IBufferWriter{byte}, SocketIoPacketType, string, int, long?)"/> does into
    /// <paramref name="span"/>, at least <see cref="MaxHeaderLength"/> long; returns the bytes written.
    /// </summary>
    internal static int WriteHeader(Span<byte> span, SocketIoPacketType type, string nsp, int attachmentCount, long? ackId)
    {
        ArgumentNullException.ThrowIfNull(nsp);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((byte)type, (byte)SocketIoPacketType.BinaryAck, nameof(type));
        if (nsp.Length == 0 || nsp[0] != '/' || nsp.Contains(','))
        {
            throw new ArgumentException($"A namespace must start with '/' and contain no ',': \"{nsp}\".", nameof(nsp));
        }

        var isBinary = type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck;
        if (isBinary ? attachmentCount < 1 : attachmentCount != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(attachmentCount),
                attachmentCount,
                isBinary ? "A binary packet has at least one attachment." : "Only binary packet types carry attachments.");
        }

        if (ackId is < 0 or > SocketIoPacket.MaxAckId)
        {
            throw new ArgumentOutOfRangeException(nameof(ackId), ackId, $"An ack id is between 0 and {SocketIoPacket.MaxAckId}.");
        }

        span[0] = EngineMessagePrefix;
        span[1] = (byte)('0' + (byte)type);
        var length = 2;
        if (isBinary)
        {
            attachmentCount.TryFormat(span[length..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
            length += written;
            span[length++] = (byte)'-';
        }

        if (nsp != "/")
        {
            length += Encoding.UTF8.GetBytes(nsp, span[length..]);
            span[length++] = (byte)',';
        }

        if (ackId is { } id)
        {
            id.TryFormat(span[length..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
            length += written;
        }

        return length;
    }

    /// <summary>
    /// Returns the complete Engine.IO text message for <paramref name="packet"/>: <c>4</c>, the header and the compact
    /// JSON of <see cref="SocketIoPacket.Data"/> when present. Attachments are not included.
    /// </summary>
    /// <param name="packet">The packet to encode.</param>
    /// <returns>The UTF-8 bytes of the text message.</returns>
    /// <exception cref="ArgumentException">The header is inconsistent (see <see cref="WriteHeader(IBufferWriter{byte}, SocketIoPacketType, string, int, long?)"/>).</exception>
    public static byte[] Encode(SocketIoPacket packet)
    {
        var output = new ArrayBufferWriter<byte>(256);
        Encode(packet, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes the complete Engine.IO text message for <paramref name="packet"/> to <paramref name="output"/>, as
    /// <see cref="Encode(SocketIoPacket)"/> returns it.
    /// </summary>
    /// <param name="packet">The packet to encode.</param>
    /// <param name="output">Where to write.</param>
    public static void Encode(SocketIoPacket packet, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(output);
        WriteHeader(output, packet.Type, packet.Namespace, packet.Attachments.Count, packet.AckId);
        if (packet.Data is { ValueKind: not JsonValueKind.Undefined } data)
        {
            // The element is re-emitted compactly, keeping key order, number text and duplicate keys; strings are
            // re-escaped by SocketIoJson.Encoder, which gives the same text JSON.stringify(JSON.parse(input)) would,
            // lone surrogates included.
            using var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions);
            JsonElementWriter.Write(writer, data);
        }
    }

    /// <summary>Writes the placeholder object <c>{"_placeholder":true,"num":N}</c>, with the keys in that order.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="num">The index of the attachment it stands for.</param>
    public static void WritePlaceholder(Utf8JsonWriter writer, int num)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(num);
        writer.WriteStartObject();
        writer.WriteBoolean(PlaceholderPropertyName, true);
        writer.WriteNumber(NumPropertyName, num);
        writer.WriteEndObject();
    }

    private static ReadOnlySpan<byte> PlaceholderPropertyName => "_placeholder"u8;

    private static ReadOnlySpan<byte> NumPropertyName => "num"u8;
}
