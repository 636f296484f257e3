using System.Text;
using MessagePack;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Parsers;

/// <summary>
/// Decodes the packets of <c>socket.io-msgpack-parser</c> 3: each binary message is one packet, a MessagePack map
/// <c>{type, data, nsp, id}</c>.
/// </summary>
/// <remarks>
/// <para>
/// Phases of a message: it must hold exactly one MessagePack value, a map; one walk over the map notes where
/// <c>type</c>, <c>nsp</c>, <c>data</c> and <c>id</c> are (the last of a duplicate key, as in JavaScript; notepack's
/// <c>undefined</c> counts as absent) and checks that every other value is well-formed, as notepack reads them all
/// before Node ignores the extra keys (the client adds <c>options</c>). The fields are then checked as the package's
/// decoder checks them, in its order: <c>type</c> an integer from 0 to 4 (binary types do not exist here), <c>nsp</c> a
/// string, <c>data</c> fitting the type (CONNECT: absent or a map; DISCONNECT: absent; CONNECT_ERROR: a string or a
/// map; EVENT, ACK: an array), <c>id</c> absent or an integer. <c>data</c> becomes JSON with binary values as
/// placeholders and attachments (an EVENT or ACK holding binary is returned as BINARY_EVENT or BINARY_ACK, as the
/// default parser returns it); in a CONNECT or CONNECT_ERROR, binary becomes <c>{"type":"Buffer","data":[…]}</c>, as
/// <c>JSON.stringify</c> writes a Buffer. Values are read as the package's notepack.io 2 reads them (a MessagePack
/// timestamp is <c>[-1, &lt;bytes&gt;]</c>, like any extension it does not know).
/// </para>
/// <para>
/// <see cref="SocketIoDecodeStatus.Ignored"/>, for what the Node server drops: an EVENT with an empty array or whose
/// name is not a string or a number (Node hands it only to catch-all listeners), an ACK without an id. Choices
/// beyond Node, shared with the default parser: the reserved event names are refused (Node's MessagePack parser lets
/// a client fire the server's own <c>disconnect</c> listeners); ack ids are 0 to 2^53 - 1; namespaces start with
/// <c>/</c>, hold no control characters and are at most <see cref="SocketIoDecoderOptions.MaxNamespaceLength"/> bytes;
/// nesting is bounded by <see cref="SocketIoDecoderOptions.MaxDepth"/>; a map whose <c>_placeholder</c> is
/// <c>true</c> is refused, since every Socket.IO parser would take it for binary. A text message is an error.
/// </para>
/// <para>Client input never makes a call throw; every message stands alone, so an error leaves nothing to reset.</para>
/// </remarks>
internal sealed partial class MsgpackPacketDecoder : ISocketIoPacketDecoder
{
    /// <summary>Limits, copied from the options at construction.</summary>
    private readonly int _maxDepth;
    private readonly int _maxNamespaceLength;

    /// <summary>The last namespace decoded and its bytes, reused so that a busy namespace costs no allocation.</summary>
    private string _lastNamespace = "/";
    private byte[] _lastNamespaceUtf8 = SocketIoPacketDecoder.MainNamespaceUtf8;

    /// <summary>Initializes a decoder.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range, or the options ask for protocol v4.</exception>
    public MsgpackPacketDecoder(SocketIoDecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maxDepth = options.MaxDepth;
        _maxNamespaceLength = options.MaxNamespaceLength;
        ArgumentOutOfRangeException.ThrowIfLessThan(_maxDepth, 1, "options.MaxDepth");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_maxDepth, SocketIoPacketDecoder.MaxDepthLimit, "options.MaxDepth");
        ArgumentOutOfRangeException.ThrowIfLessThan(_maxNamespaceLength, 1, "options.MaxNamespaceLength");
        if (options.ProtocolVersion != SocketIoProtocolVersion.V5)
        {
            throw new ArgumentOutOfRangeException("options.ProtocolVersion", options.ProtocolVersion, "The MessagePack parser speaks protocol version 5 only.");
        }
    }

    /// <summary>Always <see langword="false"/>: a packet is one message.</summary>
    public bool IsAwaitingAttachments => false;

    /// <summary>Refuses the message: this parser's packets are binary messages.</summary>
    public SocketIoDecodeStatus DecodeText(ReadOnlySpan<byte> utf8, out SocketIoPacket? packet, out string? error)
    {
        packet = null;
        error = "text message: the MessagePack parser reads binary messages only";
        return SocketIoDecodeStatus.Error;
    }

    /// <summary>Decodes one packet.</summary>
    public SocketIoDecodeStatus DecodeBinary(ReadOnlySpan<byte> data, out SocketIoPacket? packet, out string? error)
    {
        packet = null;
        if (!TryReadFields(data.ToArray(), out var fields, out error)
            || !TryReadType(fields.Type, out var type, out error)
            || !TryReadNamespace(fields.Namespace, out var nsp, out error)
            || !TryReadData(type, fields.Data, out var payload, out error)
            || !TryReadAckId(fields.Id, out var ackId, out error))
        {
            return SocketIoDecodeStatus.Error;
        }

        var ignoreReason = CheckPayload(type, payload.Data, ackId, out error);
        if (error is not null)
        {
            return SocketIoDecodeStatus.Error;
        }

        if (payload.Attachments.Length > 0)
        {
            type = type == SocketIoPacketType.Event ? SocketIoPacketType.BinaryEvent : SocketIoPacketType.BinaryAck;
        }

        packet = new SocketIoPacket { Type = type, Namespace = nsp, AckId = ackId, Data = payload.Data, Attachments = payload.Attachments };
        error = ignoreReason;
        return ignoreReason is null ? SocketIoDecodeStatus.Packet : SocketIoDecodeStatus.Ignored;
    }

    /// <summary>Nothing to drop: no packet spans messages.</summary>
    public void Reset()
    {
    }

    private static bool TryReadType(ReadOnlyMemory<byte>? value, out SocketIoPacketType type, out string? error)
    {
        type = default;
        if (value is not { } bytes || !TryReadInteger(bytes, out var number) || number is not (>= (double)SocketIoPacketType.Connect and <= (double)SocketIoPacketType.ConnectError))
        {
            error = "invalid packet type";
            return false;
        }

        type = (SocketIoPacketType)(int)number;
        error = null;
        return true;
    }

    private bool TryReadNamespace(ReadOnlyMemory<byte>? value, out string nsp, out string? error)
    {
        nsp = "/";
        if (value is not { } bytes || new MessagePackReader(bytes).NextMessagePackType != MessagePackType.String)
        {
            error = "invalid namespace";
            return false;
        }

        var reader = new MessagePackReader(bytes);
        var utf8 = reader.ReadStringSequence()!.Value.FirstSpan;
        if (utf8.Length > _maxNamespaceLength)
        {
            error = "namespace too long";
            return false;
        }

        if (utf8.SequenceEqual(_lastNamespaceUtf8))
        {
            nsp = _lastNamespace;
            error = null;
            return true;
        }

        // Invalid UTF-8 becomes U+FFFD, as Node decodes it.
        var text = Encoding.UTF8.GetString(utf8);
        if (!text.StartsWith('/'))
        {
            error = "namespace must start with '/'";
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                error = "namespace contains control characters";
                return false;
            }
        }

        _lastNamespace = nsp = text;
        _lastNamespaceUtf8 = utf8.ToArray();
        error = null;
        return true;
    }

    private static bool TryReadAckId(ReadOnlyMemory<byte>? value, out long? ackId, out string? error)
    {
        ackId = null;
        error = null;
        if (value is not { } bytes)
        {
            return true;
        }

        if (!TryReadInteger(bytes, out var number))
        {
            error = "invalid packet id";
            return false;
        }

        if (number is < 0 or > SocketIoPacket.MaxAckId)
        {
            error = "ack id out of range";
            return false;
        }

        ackId = (long)number;
        return true;
    }

    /// <summary>
    /// Reads a number that is an integer to JavaScript (<c>Number.isInteger</c>): any MessagePack integer, or a float
    /// with a whole, finite value. Integers beyond 2^53 come out rounded, which no range checked here cares about.
    /// </summary>
    private static bool TryReadInteger(ReadOnlyMemory<byte> value, out double number)
    {
        var reader = new MessagePackReader(value);
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Integer:
                number = reader.NextCode == MessagePackCode.UInt64 ? (double)reader.ReadUInt64() : reader.ReadInt64();
                return true;
            case MessagePackType.Float:
                number = reader.ReadDouble();
                return double.IsFinite(number) && Math.Floor(number) == number;
            default:
                number = 0;
                return false;
        }
    }
}
