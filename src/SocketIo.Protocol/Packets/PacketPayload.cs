using System.Buffers;
using SocketIo.Protocol.Engine;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// The JSON array of an EVENT (<c>[name, …args]</c>) or ACK (<c>[…args]</c>), binary values written as placeholders,
/// with the attachments they point to. This is what crosses between nodes in a cluster, and what a broadcast frames
/// once per namespace so every recipient gets the same bytes.
/// </summary>
public sealed class PacketPayload
{
    /// <summary>Initializes a payload.</summary>
    /// <param name="json">The compact JSON array, UTF-8.</param>
    /// <param name="attachments">The binary attachments, in placeholder order.</param>
    public PacketPayload(ReadOnlyMemory<byte> json, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        Json = json;
        Attachments = attachments;
    }

    /// <summary>Gets the JSON array, UTF-8.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>Gets the binary attachments, in placeholder order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments { get; }

    /// <summary>
    /// Returns the same payload with <paramref name="value"/> as one more string at the end of the array, the
    /// attachments shared: where connection state recovery puts a packet's offset (Node appends it to the packet's
    /// data, so it reaches the client as the event's last argument).
    /// </summary>
    /// <exception cref="InvalidOperationException">The JSON does not end with an array's closing bracket.</exception>
    public PacketPayload WithTrailingString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var json = Json.Span.TrimEnd(" \t\r\n"u8);
        if (json.IsEmpty || json[^1] != (byte)']')
        {
            throw new InvalidOperationException("The payload is not a JSON array.");
        }

        var items = json[..^1];
        var isEmpty = items.TrimEnd(" \t\r\n"u8) is [.., (byte)'['];
        var output = new ArrayBufferWriter<byte>(json.Length + value.Length + 8);
        output.Write(items);
        if (!isEmpty)
        {
            output.Write(","u8);
        }

        using (var writer = new System.Text.Json.Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            writer.WriteStringValue(value);
        }

        output.Write("]"u8);
        return new PacketPayload(output.WrittenMemory, Attachments);
    }

    /// <summary>
    /// Frames the payload as one packet as the default parser writes it (<see cref="Parsers.SocketIoParsers.Default"/>;
    /// a server frames through its own parser): a text frame (header and JSON) followed by one binary frame per attachment.
    /// <paramref name="type"/> is <see cref="SocketIoPacketType.Event"/> or <see cref="SocketIoPacketType.Ack"/>;
    /// it becomes the binary variant when there are attachments.
    /// </summary>
    public EngineFrame[] ToFrames(SocketIoPacketType type, string nsp, long? ackId)
    {
        if (Attachments.Count > 0)
        {
            type = type switch
            {
                SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent => SocketIoPacketType.BinaryEvent,
                SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck => SocketIoPacketType.BinaryAck,
                _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Only events and acknowledgements carry a payload array."),
            };
        }

        var text = SocketIoPacketEncoder.ToText(type, nsp, Attachments.Count, ackId, Json.Span);
        var frames = new EngineFrame[1 + Attachments.Count];
        frames[0] = EngineFrame.Text(text);
        for (var i = 0; i < Attachments.Count; i++)
        {
            frames[i + 1] = EngineFrame.Binary(Attachments[i]);
        }

        return frames;
    }
}
