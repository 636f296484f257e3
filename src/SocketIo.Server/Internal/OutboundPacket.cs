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

    /// <summary>
    /// The JSON array <c>[eventName, …args]</c> (or <c>[…args]</c>) and its binary attachments. Written in the thread's
    /// scratch buffer, so what stays allocated is the JSON's exact bytes (and the attachment list, when there is one).
    /// </summary>
    public static PacketPayload Payload(SocketIoSerializer serializer, string? eventName, ReadOnlySpan<object?> args)
    {
        var scratch = JsonScratch.Rent();
        try
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
            ReadOnlyMemory<byte>[] attachments = scratch.Attachments.Count == 0 ? [] : [.. scratch.Attachments];
            return new PacketPayload(scratch.Buffer.WrittenSpan.ToArray(), attachments);
        }
        finally
        {
            JsonScratch.Return(scratch);
        }
    }

    /// <summary>A packet without payload (CONNECT of protocol v4, DISCONNECT).</summary>
    public static EngineFrame[] Control(ISocketIoParser parser, SocketIoPacketType type, string nsp) => parser.EncodeControl(type, nsp, []);

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
