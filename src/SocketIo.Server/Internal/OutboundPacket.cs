using System.Text.Json;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;

namespace SocketIo.Server.Internal;

/// <summary>
/// Builds outbound Socket.IO packets and encodes them into Engine.IO frames with the server's parser (the default one:
/// a text frame, then one binary frame per attachment). The frames are immutable, so one encoding serves every
/// recipient of a broadcast.
/// </summary>
internal static class OutboundPacket
{
    /// <summary>An EVENT (or BINARY_EVENT when an argument holds binary data).</summary>
    public static EngineFrame[] Event(ISocketIoParser parser, SocketIoSerializer serializer, string nsp, string eventName, ReadOnlySpan<object?> args, long? ackId = null, bool compress = true)
    {
        var frames = Encode(parser, serializer, eventName, args, (nsp, ackId), static (p, payload, to) => p.EncodeEvent(to.nsp, payload, to.ackId));
        if (!compress)
        {
            for (var i = 0; i < frames.Length; i++)
            {
                frames[i] = frames[i].WithoutCompression();
            }
        }

        return frames;
    }

    /// <summary>An ACK (or BINARY_ACK) answering the client's ack id.</summary>
    public static EngineFrame[] Ack(ISocketIoParser parser, SocketIoSerializer serializer, string nsp, long ackId, ReadOnlySpan<object?> args)
        => Encode(parser, serializer, eventName: null, args, (nsp, ackId), static (p, payload, to) => p.EncodeAck(to.nsp, to.ackId, payload));

    /// <summary>
    /// The JSON array <c>[eventName, …args]</c> (or <c>[…args]</c>) and its binary attachments, to keep. Written in the
    /// thread's scratch buffer, so what stays allocated is the JSON's exact bytes (and the attachments' list, when
    /// there are any).
    /// </summary>
    public static PacketPayload Payload(SocketIoSerializer serializer, string? eventName, ReadOnlySpan<object?> args)
    {
        var scratch = JsonScratch.Rent();
        try
        {
            WriteArray(scratch, serializer, eventName, args);
            ReadOnlyMemory<byte>[] attachments = scratch.Attachments.Count == 0 ? [] : [.. scratch.Attachments];
            return new PacketPayload(scratch.Buffer.WrittenSpan.ToArray(), attachments);
        }
        finally
        {
            JsonScratch.Return(scratch);
        }
    }

    /// <summary>
    /// Encodes a packet for one recipient. The built-in parsers copy the payload into their frames, so they are handed
    /// it straight from the scratch buffer; another parser gets a payload of its own, which it may keep.
    /// </summary>
    private static EngineFrame[] Encode<TState>(
        ISocketIoParser parser,
        SocketIoSerializer serializer,
        string? eventName,
        ReadOnlySpan<object?> args,
        TState state,
        Func<ISocketIoParser, PacketPayload, TState, EngineFrame[]> encode)
    {
        if (!ReferenceEquals(parser, SocketIoParsers.Default) && !ReferenceEquals(parser, SocketIoParsers.MessagePack))
        {
            return encode(parser, Payload(serializer, eventName, args), state);
        }

        var scratch = JsonScratch.Rent();
        try
        {
            WriteArray(scratch, serializer, eventName, args);
            return encode(parser, new PacketPayload(scratch.Buffer.WrittenMemory, scratch.Attachments), state);
        }
        finally
        {
            JsonScratch.Return(scratch);
        }
    }

    private static void WriteArray(JsonScratch scratch, SocketIoSerializer serializer, string? eventName, ReadOnlySpan<object?> args)
    {
        var writer = scratch.Writer;
        writer.WriteStartArray();
        if (eventName is not null)
        {
            writer.WriteStringValue(eventName);
        }

        foreach (var arg in args)
        {
            ArgumentWriter.Write(writer, arg, scratch.Attachments, serializer);
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    /// <summary>A packet without payload (CONNECT of protocol v4, DISCONNECT).</summary>
    public static EngineFrame[] Control(ISocketIoParser parser, SocketIoPacketType type, string nsp) => parser.EncodeControl(type, nsp, []);

    /// <summary>
    /// Protocol v5's CONNECT reply, <c>{"sid":…}</c> with the private id when the session can be recovered. Ids are
    /// URL-safe base64 and need no escaping, so their JSON is written as it is; any other id goes through the JSON
    /// writer.
    /// </summary>
    public static EngineFrame[] ConnectReply(ISocketIoParser parser, string nsp, string sid, string? pid)
    {
        ReadOnlySpan<byte> sidStart = "{\"sid\":\""u8;
        ReadOnlySpan<byte> pidStart = "\",\"pid\":\""u8;
        ReadOnlySpan<byte> end = "\"}"u8;
        var length = sidStart.Length + sid.Length + (pid is null ? 0 : pidStart.Length + pid.Length) + end.Length;
        if (length > 256 || !IsPlainId(sid) || (pid is not null && !IsPlainId(pid)))
        {
            return Control(parser, SocketIoPacketType.Connect, nsp, static (w, ids) =>
            {
                w.WriteStartObject();
                w.WriteString("sid", ids.sid);
                if (ids.pid is not null)
                {
                    w.WriteString("pid", ids.pid);
                }

                w.WriteEndObject();
            }, (sid, pid));
        }

        Span<byte> json = stackalloc byte[length];
        var at = Append(json, 0, sidStart);
        at += System.Text.Encoding.ASCII.GetBytes(sid, json[at..]);
        if (pid is not null)
        {
            at = Append(json, at, pidStart);
            at += System.Text.Encoding.ASCII.GetBytes(pid, json[at..]);
        }

        Append(json, at, end);
        return parser.EncodeControl(SocketIoPacketType.Connect, nsp, json);

        static int Append(Span<byte> to, int at, ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(to[at..]);
            return at + bytes.Length;
        }
    }

    private static bool IsPlainId(string id) => !id.AsSpan().ContainsAnyExcept(PlainIdChars);

    private static readonly System.Buffers.SearchValues<char> PlainIdChars
        = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>A packet with a JSON object payload (CONNECT, CONNECT_ERROR), written by <paramref name="writePayload"/>.</summary>
    public static EngineFrame[] Control<TState>(ISocketIoParser parser, SocketIoPacketType type, string nsp, Action<Utf8JsonWriter, TState> writePayload, TState state)
    {
        var scratch = JsonScratch.Rent();
        try
        {
            writePayload(scratch.Writer, state);
            scratch.Writer.Flush();
            return parser.EncodeControl(type, nsp, scratch.Buffer.WrittenSpan);
        }
        finally
        {
            JsonScratch.Return(scratch);
        }
    }
}
