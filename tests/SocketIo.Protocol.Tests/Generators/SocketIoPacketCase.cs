using System.Text.Json;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Generators;

/// <summary>
/// A generated Socket.IO packet, encoded by the production encoders: <see cref="PacketPayload.ToFrames"/> for events
/// and acknowledgements with a payload (the binary type when the payload holds attachments), and
/// <see cref="SocketIoPacketEncoder.Encode(SocketIoPacket)"/> for the rest.
/// </summary>
/// <param name="Type">CONNECT, DISCONNECT, EVENT, ACK or CONNECT_ERROR; events and acks become binary with attachments.</param>
/// <param name="Namespace">The namespace.</param>
/// <param name="AckId">The ack id, or null.</param>
/// <param name="Data">The payload, or null.</param>
internal sealed record SocketIoPacketCase(SocketIoPacketType Type, string Namespace, long? AckId, JsonModel? Data)
{
    /// <summary>Gets the JSON text of the payload (placeholders in place of attachments), or null.</summary>
    public byte[]? Json => Data?.ToJson(out _);

    /// <summary>Gets the attachments, in placeholder order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments
    {
        get
        {
            List<ReadOnlyMemory<byte>> attachments = [];
            Data?.ToJson(out attachments);
            return attachments;
        }
    }

    /// <summary>Gets the type the decoder reports: the binary variant of an event or ack that carries attachments.</summary>
    public SocketIoPacketType DecodedType => (Type, Attachments.Count > 0) switch
    {
        (SocketIoPacketType.Event, true) => SocketIoPacketType.BinaryEvent,
        (SocketIoPacketType.Ack, true) => SocketIoPacketType.BinaryAck,
        _ => Type,
    };

    /// <summary>Prints what FsCheck shows for a failing case.</summary>
    public override string ToString() => $"{Type} {Namespace} ack={AckId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} data={Data?.ToString() ?? "none"}";

    /// <summary>Encodes the packet as Engine.IO frames: the text packet (with its <c>4</c>), then the attachments.</summary>
    public EngineFrame[] Encode()
    {
        List<ReadOnlyMemory<byte>> attachments = [];
        var json = Data?.ToJson(out attachments);
        if (json is not null && Type is SocketIoPacketType.Event or SocketIoPacketType.Ack)
        {
            return new PacketPayload(json, attachments).ToFrames(Type, Namespace, AckId);
        }

        JsonElement? data = json is null ? null : JsonElement.Parse(json);
        var packet = new SocketIoPacket { Type = Type, Namespace = Namespace, AckId = AckId, Data = data };
        return [EngineFrame.Text(SocketIoPacketEncoder.Encode(packet))];
    }
}
