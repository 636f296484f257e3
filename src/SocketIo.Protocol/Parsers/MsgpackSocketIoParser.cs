using System.Buffers;
using MessagePack;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Msgpack;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Parsers;

/// <summary>
/// The parser of <c>socket.io-msgpack-parser</c> 3: every packet is one binary message holding a MessagePack map,
/// encoded as notepack.io (the package's encoder) encodes the JavaScript packet object. Types 0 to 4 only: binary
/// values travel inline as <c>bin</c>, so there are no BINARY_EVENT, BINARY_ACK or attachment messages.
/// </summary>
/// <remarks>
/// Keys are written in the order the Node server builds its packet objects, so the bytes are those Node sends:
/// events <c>{type, data, id?, nsp}</c>, acknowledgements <c>{id, type, data, nsp}</c>, control packets
/// <c>{type, data?, nsp}</c>. Payload values are written by <see cref="JsonToMsgpack"/>.
/// </remarks>
internal sealed class MsgpackSocketIoParser : ISocketIoParser
{
    public ISocketIoPacketDecoder CreateDecoder(SocketIoDecoderOptions options) => new MsgpackPacketDecoder(options);

    public EngineFrame[] EncodeEvent(string nsp, PacketPayload payload, long? ackId)
    {
        CheckNamespace(nsp);
        ArgumentNullException.ThrowIfNull(payload);
        CheckAckId(ackId);
        var output = new ArrayBufferWriter<byte>(payload.Json.Length + 32);
        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(ackId is null ? 3 : 4);
        WriteType(ref writer, SocketIoPacketType.Event);
        writer.WriteString("data"u8);
        JsonToMsgpack.Write(ref writer, payload);
        if (ackId is { } id)
        {
            writer.WriteString("id"u8);
            writer.Write(id);
        }

        WriteNamespace(ref writer, nsp);
        return Frame(ref writer, output);
    }

    public EngineFrame[] EncodeAck(string nsp, long ackId, PacketPayload payload)
    {
        CheckNamespace(nsp);
        ArgumentNullException.ThrowIfNull(payload);
        CheckAckId(ackId);
        var output = new ArrayBufferWriter<byte>(payload.Json.Length + 32);
        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(4);
        writer.WriteString("id"u8);
        writer.Write(ackId);
        WriteType(ref writer, SocketIoPacketType.Ack);
        writer.WriteString("data"u8);
        JsonToMsgpack.Write(ref writer, payload);
        WriteNamespace(ref writer, nsp);
        return Frame(ref writer, output);
    }

    public EngineFrame[] EncodeControl(SocketIoPacketType type, string nsp, ReadOnlySpan<byte> json)
    {
        ControlPackets.CheckType(type);
        CheckNamespace(nsp);
        var output = new ArrayBufferWriter<byte>(json.Length + 32);
        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(json.IsEmpty ? 2 : 3);
        WriteType(ref writer, type);
        if (!json.IsEmpty)
        {
            writer.WriteString("data"u8);
            JsonToMsgpack.Write(ref writer, json.ToArray(), []);
        }

        WriteNamespace(ref writer, nsp);
        return Frame(ref writer, output);
    }

    private static void WriteType(ref MessagePackWriter writer, SocketIoPacketType type)
    {
        writer.WriteString("type"u8);
        writer.Write((byte)type);
    }

    private static void WriteNamespace(ref MessagePackWriter writer, string nsp)
    {
        writer.WriteString("nsp"u8);
        writer.Write(nsp);
    }

    private static EngineFrame[] Frame(ref MessagePackWriter writer, ArrayBufferWriter<byte> output)
    {
        writer.Flush();
        return [EngineFrame.Binary(output.WrittenSpan.ToArray())];
    }

    private static void CheckNamespace(string nsp)
    {
        ArgumentNullException.ThrowIfNull(nsp);
        if (!nsp.StartsWith('/'))
        {
            throw new ArgumentException($"A namespace starts with '/': \"{nsp}\".", nameof(nsp));
        }
    }

    private static void CheckAckId(long? ackId)
    {
        if (ackId is < 0 or > SocketIoPacket.MaxAckId)
        {
            throw new ArgumentOutOfRangeException(nameof(ackId), ackId, $"An ack id is between 0 and {SocketIoPacket.MaxAckId}.");
        }
    }
}
