using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Parsers;

/// <summary>
/// The text parser (<c>socket.io-parser</c>): <see cref="SocketIoPacketDecoder"/> and <see cref="SocketIoPacketEncoder"/>,
/// a header and JSON in a text message, then one binary message per attachment.
/// </summary>
internal sealed class DefaultSocketIoParser : ISocketIoParser
{
    public ISocketIoPacketDecoder CreateDecoder(SocketIoDecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketIoPacketDecoder(options);
    }

    public EngineFrame[] EncodeEvent(string nsp, PacketPayload payload, long? ackId)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload.ToFrames(SocketIoPacketType.Event, nsp, ackId);
    }

    public EngineFrame[] EncodeAck(string nsp, long ackId, PacketPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload.ToFrames(SocketIoPacketType.Ack, nsp, ackId);
    }

    public EngineFrame[] EncodeControl(SocketIoPacketType type, string nsp, ReadOnlySpan<byte> json)
    {
        ControlPackets.CheckType(type);
        return [EngineFrame.Text(SocketIoPacketEncoder.ToText(type, nsp, attachmentCount: 0, ackId: null, json))];
    }
}
