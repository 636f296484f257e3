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

        var header = new ArrayBufferWriter<byte>(32);
        SocketIoPacketEncoder.WriteHeader(header, type, nsp, Attachments.Count, ackId);
        var text = new byte[header.WrittenCount + Json.Length];
        header.WrittenSpan.CopyTo(text);
        Json.Span.CopyTo(text.AsSpan(header.WrittenCount));

        var frames = new EngineFrame[1 + Attachments.Count];
        frames[0] = EngineFrame.Text(text);
        for (var i = 0; i < Attachments.Count; i++)
        {
            frames[i + 1] = EngineFrame.Binary(Attachments[i]);
        }

        return frames;
    }
}
