using System.Buffers;
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
        var frames = parser.EncodeEvent(nsp, Payload(serializer, eventName, args), ackId);
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
        => parser.EncodeAck(nsp, ackId, Payload(serializer, eventName: null, args));

    /// <summary>The JSON array <c>[eventName, …args]</c> (or <c>[…args]</c>) and its binary attachments.</summary>
    public static PacketPayload Payload(SocketIoSerializer serializer, string? eventName, ReadOnlySpan<object?> args)
    {
        var json = new ArrayBufferWriter<byte>(128);
        var attachments = new List<ReadOnlyMemory<byte>>();
        using (var writer = new Utf8JsonWriter(json, SocketIoJson.WriterOptions))
        {
            writer.WriteStartArray();
            if (eventName is not null)
            {
                writer.WriteStringValue(eventName);
            }

            foreach (var arg in args)
            {
                ArgumentWriter.Write(writer, arg, attachments, serializer);
            }

            writer.WriteEndArray();
        }

        return new PacketPayload(json.WrittenMemory, attachments);
    }

    /// <summary>A packet with an optional JSON object payload (CONNECT, DISCONNECT, CONNECT_ERROR).</summary>
    public static EngineFrame[] Control(ISocketIoParser parser, SocketIoPacketType type, string nsp, Action<Utf8JsonWriter>? writePayload = null)
    {
        if (writePayload is null)
        {
            return parser.EncodeControl(type, nsp, []);
        }

        var json = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(json, SocketIoJson.WriterOptions))
        {
            writePayload(writer);
        }

        return parser.EncodeControl(type, nsp, json.WrittenSpan);
    }
}
