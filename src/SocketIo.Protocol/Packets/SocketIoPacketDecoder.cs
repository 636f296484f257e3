using System.Text.Json;
using System.Text.Unicode;
using SocketIo.Protocol.Parsers;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// Decodes the Socket.IO packets of one connection (protocol v5, or v4 for the 2.x clients) and reassembles binary
/// packets with their attachments: the decoder of the default parser (<see cref="Parsers.SocketIoParsers.Default"/>).
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
/// Packets the Node reference server decodes and then drops give <see cref="SocketIoDecodeStatus.Ignored"/>: an EVENT
/// without payload (<c>42</c>, <c>421</c>) and an ACK without an ack id (<c>43[…]</c>), binary ones once their
/// attachments are in. An ACK with an id and no payload is an answer with no arguments, as in Node. JSON strings
/// are read as JSON.parse reads them: an escaped lone surrogate (<c>"\ud800"</c>) is accepted, and the protocol
/// layer's readers and writers of payloads (<see cref="SocketIoPacket.EventName"/>, <see cref="SocketIoPacketEncoder"/>,
/// <see cref="SocketIoJson.SerializerOptions"/>) handle it; System.Text.Json's own string accessors throw on it.
/// </para>
/// <para>
/// Choices beyond the Node parser (docs/protocol-fidelity.md lists them against Node's behaviour): namespaces are at
/// most <see cref="SocketIoDecoderOptions.MaxNamespaceLength"/> bytes and hold no control characters; a binary header
/// whose placeholder names no announced attachment is refused at once, where Node holds the attachments and then
/// closes. Like Node, an ack id on a CONNECT, DISCONNECT or CONNECT_ERROR is accepted and kept, and a placeholder
/// in a text packet is plain data.
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
public sealed partial class SocketIoPacketDecoder : ISocketIoPacketDecoder
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

    /// <summary>Why <see cref="_pendingPacket"/> is to be dropped once complete, or null when it is to be delivered.</summary>
    private string? _pendingIgnoreReason;

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
    /// <param name="packet">
    /// The decoded packet when the result is <see cref="SocketIoDecodeStatus.Packet"/> or <see cref="SocketIoDecodeStatus.Ignored"/>.
    /// </param>
    /// <param name="error">
    /// Why the message was refused (<see cref="SocketIoDecodeStatus.Error"/>) or is to be dropped (<see cref="SocketIoDecodeStatus.Ignored"/>).
    /// </param>
    /// <returns>
    /// <see cref="SocketIoDecodeStatus.Packet"/> for a complete packet; <see cref="SocketIoDecodeStatus.AwaitingAttachments"/>
    /// for a binary header (the packet comes from the last <see cref="DecodeBinary"/>); <see cref="SocketIoDecodeStatus.Ignored"/>
    /// for a packet the Node reference drops; otherwise <see cref="SocketIoDecodeStatus.Error"/>, after which the
    /// decoder is reset.
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
            || !TryReadPayload(utf8[header.PayloadStart..], header, out var data, out var ignoreReason, out error))
        {
            return Fail(error, out error);
        }

        if (_protocolVersion == SocketIoProtocolVersion.V4 && header.Type == SocketIoPacketType.Connect)
        {
            data = NamespaceQuery.ToAuthObject(header.Query);
        }

        if (header.AttachmentCount > 0)
        {
            // Node waits for the attachments of a packet it will drop too: they must not be read as stray binaries.
            _pendingAttachments = new byte[header.AttachmentCount][];
            _receivedAttachments = 0;
            _pendingIgnoreReason = ignoreReason;
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
        error = ignoreReason;
        return ignoreReason is null ? SocketIoDecodeStatus.Packet : SocketIoDecodeStatus.Ignored;
    }

    /// <summary>Accepts one binary message as the next attachment of the pending binary packet; the bytes are copied.</summary>
    /// <param name="data">The binary message.</param>
    /// <param name="packet">
    /// The completed packet when the result is <see cref="SocketIoDecodeStatus.Packet"/> or <see cref="SocketIoDecodeStatus.Ignored"/>.
    /// </param>
    /// <param name="error">
    /// Why the message was refused (<see cref="SocketIoDecodeStatus.Error"/>) or the packet is to be dropped
    /// (<see cref="SocketIoDecodeStatus.Ignored"/>).
    /// </param>
    /// <returns>
    /// <see cref="SocketIoDecodeStatus.Packet"/> when this was the last attachment (<see cref="SocketIoDecodeStatus.Ignored"/>
    /// when the header was one the Node reference drops); <see cref="SocketIoDecodeStatus.AwaitingAttachments"/> when
    /// more are due; <see cref="SocketIoDecodeStatus.Error"/> when no binary packet was waiting.
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
        error = _pendingIgnoreReason;
        Reset();
        return error is null ? SocketIoDecodeStatus.Packet : SocketIoDecodeStatus.Ignored;
    }

    /// <summary>Drops any partly received binary packet.</summary>
    public void Reset()
    {
        _pendingPacket = null;
        _pendingAttachments = [];
        _receivedAttachments = 0;
        _pendingIgnoreReason = null;
    }

    private SocketIoDecodeStatus Fail(string? reason, out string? error)
    {
        Reset();
        error = reason;
        return SocketIoDecodeStatus.Error;
    }
}
