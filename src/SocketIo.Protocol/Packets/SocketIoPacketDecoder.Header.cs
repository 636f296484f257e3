using System.Text;

namespace SocketIo.Protocol.Packets;

/// <summary>The header phase: type digit, attachment count, namespace, ack id.</summary>
public sealed partial class SocketIoPacketDecoder
{
    /// <summary>The highest <see cref="SocketIoDecoderOptions.MaxAttachments"/> accepted; the pending list is allocated up front.</summary>
    internal const int MaxAttachmentsLimit = 10_000;

    /// <summary>The highest <see cref="SocketIoDecoderOptions.MaxDepth"/> accepted: what <see cref="System.Text.Json.Utf8JsonWriter"/> writes back by default.</summary>
    internal const int MaxDepthLimit = 1000;

    /// <summary>At most this many digits are read for an attachment count, so the value never overflows.</summary>
    private const int MaxAttachmentCountDigits = 9;

    /// <summary>2^53 - 1 has 16 digits; a longer ack id is refused before it could overflow.</summary>
    private const int MaxAckIdDigits = 16;

    /// <summary>The main namespace's bytes, shared by every decoder (the msgpack one too): the array is compared, never written.</summary>
    internal static readonly byte[] MainNamespaceUtf8 = "/"u8.ToArray();

    /// <summary>The last namespace decoded and its bytes, reused so that a busy namespace costs no allocation.</summary>
    private string _lastNamespace = "/";
    private byte[] _lastNamespaceUtf8 = MainNamespaceUtf8;

    private bool TryReadHeader(ReadOnlySpan<byte> input, out PacketHeader header, out string? error)
    {
        header = default;
        if (input.IsEmpty)
        {
            error = "empty packet";
            return false;
        }

        var typeDigit = input[0] - '0';
        if (typeDigit is < 0 or > (int)SocketIoPacketType.BinaryAck)
        {
            error = "unknown packet type";
            return false;
        }

        var type = (SocketIoPacketType)typeDigit;
        var position = 1;

        // Binary types: "<count>-", count in 1..MaxAttachments (0 would let an empty binary packet through; a large
        // count would make the server hold that many buffers).
        var attachmentCount = 0;
        if (type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck)
        {
            var digits = CountDigits(input[position..]);
            if (digits == 0 || digits > MaxAttachmentCountDigits || position + digits >= input.Length || input[position + digits] != '-')
            {
                error = "malformed attachment count";
                return false;
            }

            attachmentCount = (int)ParseDigits(input.Slice(position, digits));
            if (attachmentCount < 1 || attachmentCount > _maxAttachments)
            {
                error = "attachment count out of range";
                return false;
            }

            position += digits + 1;
        }

        // Namespace: from '/' up to ',' (consumed) or the end; "/" when absent.
        var nsp = "/";
        if (position < input.Length && input[position] == '/')
        {
            var rest = input[position..];
            var searchLength = Math.Min(rest.Length, _maxNamespaceLength + 1);
            var comma = rest[..searchLength].IndexOf((byte)',');
            var nspLength = comma >= 0 ? comma : rest.Length;
            if (nspLength > _maxNamespaceLength)
            {
                error = "namespace too long";
                return false;
            }

            if (!TryGetNamespace(rest[..nspLength], out nsp))
            {
                error = "namespace contains control characters";
                return false;
            }

            position += comma >= 0 ? nspLength + 1 : nspLength;
        }

        // Protocol v4: the namespace may end with a query string (the CONNECT's auth), which is not part of its name.
        string? query = null;
        if (_protocolVersion == SocketIoProtocolVersion.V4)
        {
            nsp = NamespaceQuery.Split(nsp, out query);
        }

        // Ack id: the digits that follow at once.
        long? ackId = null;
        var ackDigits = CountDigits(input[position..]);
        if (ackDigits > 0)
        {
            if (ackDigits > MaxAckIdDigits)
            {
                error = "ack id too long";
                return false;
            }

            var id = ParseDigits(input.Slice(position, ackDigits));
            if (id > SocketIoPacket.MaxAckId)
            {
                error = "ack id out of range";
                return false;
            }

            ackId = id;
            position += ackDigits;
        }

        header = new PacketHeader(type, nsp, query, ackId, attachmentCount, position);
        error = null;
        return true;
    }

    /// <summary>Decodes a namespace (valid UTF-8, already checked), reusing the last string when the bytes match.</summary>
    private bool TryGetNamespace(ReadOnlySpan<byte> utf8, out string nsp)
    {
        if (utf8.SequenceEqual(_lastNamespaceUtf8))
        {
            nsp = _lastNamespace;
            return true;
        }

        nsp = Encoding.UTF8.GetString(utf8);
        foreach (var c in nsp)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        _lastNamespace = nsp;
        _lastNamespaceUtf8 = utf8.ToArray();
        return true;
    }

    /// <summary>Counts the ASCII digits at the start, stopping one past the longest run anyone accepts.</summary>
    private static int CountDigits(ReadOnlySpan<byte> input)
    {
        var limit = Math.Min(input.Length, MaxAckIdDigits + 1);
        var count = 0;
        while (count < limit && char.IsAsciiDigit((char)input[count]))
        {
            count++;
        }

        return count;
    }

    /// <summary>Parses at most 16 ASCII digits, so the result cannot overflow.</summary>
    private static long ParseDigits(ReadOnlySpan<byte> digits)
    {
        long value = 0;
        foreach (var digit in digits)
        {
            value = (value * 10) + (digit - '0');
        }

        return value;
    }

    /// <summary>What the header says, and where the payload starts. <c>Query</c> is the protocol v4 namespace query, if any.</summary>
    private readonly record struct PacketHeader(SocketIoPacketType Type, string Namespace, string? Query, long? AckId, int AttachmentCount, int PayloadStart);
}
