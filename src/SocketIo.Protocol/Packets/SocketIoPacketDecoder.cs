using System.Text.Json;
using System.Text.Unicode;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// Decodes the Socket.IO packets of one connection (protocol v5, or v4 for the 2.x clients) and reassembles binary
/// packets with their attachments.
/// </summary>
/// <remarks>
/// <para>
/// Phases of a text message (the Engine.IO message data, without its <c>4</c> prefix): the whole message must be valid
/// UTF-8; the header is read (type digit, attachment count and <c>-</c> for binary types, namespace up to <c>,</c>,
/// ack id digits); the rest must be one JSON value or nothing, and must fit the packet type as in the Node parser;
/// in binary packets every placeholder must point at an announced attachment. A binary header then waits for its
/// attachments, which <see cref="DecodeBinary"/> collects in order.
/// </para>
/// <para>
/// Choices beyond the Node parser: namespaces are at most <see cref="SocketIoDecoderOptions.MaxNamespaceLength"/>
/// bytes and hold no control characters; a payload with an escaped lone surrogate (<c>"\ud800"</c>) is refused,
/// because System.Text.Json cannot read such a string back; a placeholder in a text packet points nowhere and is
/// refused. Like Node, an ack id on a CONNECT, DISCONNECT or CONNECT_ERROR is accepted and kept.
/// </para>
/// <para>
/// Protocol v4 (<see cref="SocketIoDecoderOptions.ProtocolVersion"/>) reads the same encoding, with what the Node
/// server does differently for it: the namespace of every packet may carry a query string, which is split off (<c>/admin?token=abc</c>
/// names <c>/admin</c>), and a CONNECT's <see cref="SocketIoPacket.Data"/> is the auth object built from that query
/// (<c>{"token":"abc"}</c>, or <c>{}</c>) while a JSON payload, checked as in v5, is ignored; an ERROR (type 4) may
/// carry any JSON value or none.
/// </para>
/// <para>
/// Client input never makes a call throw: a bad packet gives <see cref="SocketIoDecodeStatus.Error"/> with a short
/// reason and resets the decoder. Work is linear in the input and bounded by <see cref="SocketIoDecoderOptions"/>.
/// One instance per connection; not thread-safe.
/// </para>
/// </remarks>
public sealed partial class SocketIoPacketDecoder
{
    /// <summary>Limits, copied from the options at construction.</summary>
    private readonly int _maxAttachments;
    private readonly int _maxDepth;
    private readonly int _maxNamespaceLength;
    private readonly SocketIoProtocolVersion _protocolVersion;

    /// <summary>The binary packet waiting for attachments, or null; its Attachments is <see cref="_pendingAttachments"/>.</summary>
    private SocketIoPacket? _pendingPacket;

    /// <summary>The attachments of <see cref="_pendingPacket"/>, sized to the announced count, filled in order.</summary>
    private byte[][] _pendingAttachments = [];

    /// <summary>How many of <see cref="_pendingAttachments"/> have arrived.</summary>
    private int _receivedAttachments;

    /// <summary>Initializes a new decoder.</summary>
    /// <param name="options">The limits to apply; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is below 1 or above what the options document.</exception>
    public SocketIoPacketDecoder(SocketIoDecoderOptions? options = null)
    {
        options ??= new SocketIoDecoderOptions();
        _maxAttachments = options.MaxAttachments;
        _maxDepth = options.MaxDepth;
        _maxNamespaceLength = options.MaxNamespaceLength;
        _protocolVersion = options.ProtocolVersion;
        ArgumentOutOfRangeException.ThrowIfLessThan(_maxAttachments, 1, "options.MaxAttachments");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_maxAttachments, MaxAttachmentsLimit, "options.MaxAttachments");
        ArgumentOutOfRangeException.ThrowIfLessThan(_maxDepth, 1, "options.MaxDepth");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_maxDepth, MaxDepthLimit, "options.MaxDepth");
        ArgumentOutOfRangeException.ThrowIfLessThan(_maxNamespaceLength, 1, "options.MaxNamespaceLength");
        if (_protocolVersion is not (SocketIoProtocolVersion.V4 or SocketIoProtocolVersion.V5))
        {
            throw new ArgumentOutOfRangeException("options.ProtocolVersion", _protocolVersion, "Protocol versions 4 and 5 are supported.");
        }
    }

    /// <summary>Gets a value indicating whether a binary packet header was decoded and its attachments are still due.</summary>
    public bool IsAwaitingAttachments => _pendingPacket is not null;

    /// <summary>Decodes one text message: the Engine.IO message data, without the Engine.IO <c>4</c> prefix.</summary>
    /// <param name="utf8">The message, UTF-8 encoded.</param>
    /// <param name="packet">The decoded packet when the result is <see cref="SocketIoDecodeStatus.Packet"/>.</param>
    /// <param name="error">Why the message was refused when the result is <see cref="SocketIoDecodeStatus.Error"/>.</param>
    /// <returns>
    /// <see cref="SocketIoDecodeStatus.Packet"/> for a complete packet; <see cref="SocketIoDecodeStatus.AwaitingAttachments"/>
    /// for a binary header (the packet comes from the last <see cref="DecodeBinary"/>); otherwise
    /// <see cref="SocketIoDecodeStatus.Error"/>, after which the decoder is reset.
    /// </returns>
    public SocketIoDecodeStatus DecodeText(ReadOnlySpan<byte> utf8, out SocketIoPacket? packet, out string? error)
    {
        packet = null;
        if (_pendingPacket is not null)
        {
            return Fail("text packet while binary attachments are pending", out error);
        }

        if (!Utf8.IsValid(utf8))
        {
            return Fail("invalid UTF-8", out error);
        }

        if (!TryReadHeader(utf8, out var header, out error)
            || !TryReadPayload(utf8[header.PayloadStart..], header, out var data, out error))
        {
            return Fail(error, out error);
        }

        if (_protocolVersion == SocketIoProtocolVersion.V4 && header.Type == SocketIoPacketType.Connect)
        {
            data = NamespaceQuery.ToAuthObject(header.Query);
        }

        if (header.AttachmentCount > 0)
        {
            _pendingAttachments = new byte[header.AttachmentCount][];
            _receivedAttachments = 0;
            _pendingPacket = new SocketIoPacket
            {
                Type = header.Type,
                Namespace = header.Namespace,
                AckId = header.AckId,
                Data = data,
                Attachments = _pendingAttachments,
            };
            return SocketIoDecodeStatus.AwaitingAttachments;
        }

        packet = new SocketIoPacket { Type = header.Type, Namespace = header.Namespace, AckId = header.AckId, Data = data };
        return SocketIoDecodeStatus.Packet;
    }

    /// <summary>Accepts one binary message as the next attachment of the pending binary packet; the bytes are copied.</summary>
    /// <param name="data">The binary message.</param>
    /// <param name="packet">The completed packet when the result is <see cref="SocketIoDecodeStatus.Packet"/>.</param>
    /// <param name="error">Why the message was refused when the result is <see cref="SocketIoDecodeStatus.Error"/>.</param>
    /// <returns>
    /// <see cref="SocketIoDecodeStatus.Packet"/> when this was the last attachment;
    /// <see cref="SocketIoDecodeStatus.AwaitingAttachments"/> when more are due; <see cref="SocketIoDecodeStatus.Error"/>
    /// when no binary packet was waiting.
    /// </returns>
    public SocketIoDecodeStatus DecodeBinary(ReadOnlySpan<byte> data, out SocketIoPacket? packet, out string? error)
    {
        packet = null;
        if (_pendingPacket is null)
        {
            return Fail("binary message with no attachment pending", out error);
        }

        _pendingAttachments[_receivedAttachments++] = data.ToArray();
        error = null;
        if (_receivedAttachments < _pendingAttachments.Length)
        {
            return SocketIoDecodeStatus.AwaitingAttachments;
        }

        packet = _pendingPacket;
        Reset();
        return SocketIoDecodeStatus.Packet;
    }

    /// <summary>Drops any partly received binary packet.</summary>
    public void Reset()
    {
        _pendingPacket = null;
        _pendingAttachments = [];
        _receivedAttachments = 0;
    }

    private SocketIoDecodeStatus Fail(string? reason, out string? error)
    {
        Reset();
        error = reason;
        return SocketIoDecodeStatus.Error;
    }
}
