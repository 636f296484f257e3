using System.Buffers;
using System.Text.Json;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Internal;

/// <summary>
/// Encodes outbound Socket.IO packets into Engine.IO frames: one text frame (header and JSON), then one binary frame
/// per attachment. The frames are immutable, so one encoding serves every recipient of a broadcast.
/// </summary>
internal static class OutboundPacket
{
    /// <summary>An EVENT (or BINARY_EVENT when an argument holds binary data).</summary>
    public static EngineFrame[] Event(string nsp, string eventName, ReadOnlySpan<object?> args, long? ackId = null)
        => Payload(eventName, args).ToFrames(SocketIoPacketType.Event, nsp, ackId);

    /// <summary>An ACK (or BINARY_ACK) answering the client's ack id.</summary>
    public static EngineFrame[] Ack(string nsp, long ackId, ReadOnlySpan<object?> args)
        => Payload(eventName: null, args).ToFrames(SocketIoPacketType.Ack, nsp, ackId);

    /// <summary>The JSON array <c>[eventName, …args]</c> (or <c>[…args]</c>) and its binary attachments.</summary>
    public static PacketPayload Payload(string? eventName, ReadOnlySpan<object?> args)
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
                ArgumentWriter.Write(writer, arg, attachments);
            }

            writer.WriteEndArray();
        }

        return new PacketPayload(json.WrittenMemory, attachments);
    }

    /// <summary>A packet with an optional JSON object payload (CONNECT, DISCONNECT, CONNECT_ERROR).</summary>
    public static EngineFrame[] Control(SocketIoPacketType type, string nsp, Action<Utf8JsonWriter>? writePayload = null)
    {
        var output = new ArrayBufferWriter<byte>(64);
        SocketIoPacketEncoder.WriteHeader(output, type, nsp, attachmentCount: 0, ackId: null);
        if (writePayload is not null)
        {
            using var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions);
            writePayload(writer);
        }

        return [EngineFrame.Text(output.WrittenSpan.ToArray())];
    }
}
