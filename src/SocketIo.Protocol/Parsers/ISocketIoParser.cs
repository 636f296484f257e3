using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Parsers;

/// <summary>
/// How Socket.IO packets travel in Engine.IO messages (Node's <c>parser</c> option): a decoder per connection for what
/// clients send, and the encodings of what the server sends. Client and server must use the same parser. The built-in
/// ones are in <see cref="SocketIoParsers"/>.
/// </summary>
/// <remarks>
/// The encode methods are called concurrently and their frames are shared: a broadcast is encoded once and the same
/// frames are queued for every recipient, so an implementation is thread-safe and returns frames it never changes.
/// </remarks>
public interface ISocketIoParser
{
    /// <summary>Creates the decoder of one connection.</summary>
    /// <param name="options">The limits to apply to what the client sends.</param>
    /// <returns>A new decoder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its documented range, or not supported by this parser.</exception>
    ISocketIoPacketDecoder CreateDecoder(SocketIoDecoderOptions options);

    /// <summary>Encodes an EVENT whose payload is <c>[name, …args]</c>, binary values as placeholders.</summary>
    /// <param name="nsp">The namespace, starting with <c>/</c>.</param>
    /// <param name="payload">The event name and arguments.</param>
    /// <param name="ackId">The acknowledgement id the client answers with (0 to <see cref="SocketIoPacket.MaxAckId"/>), or <see langword="null"/>.</param>
    /// <returns>The Engine.IO messages of the packet, in order.</returns>
    EngineFrame[] EncodeEvent(string nsp, PacketPayload payload, long? ackId);

    /// <summary>Encodes the ACK answering a client's event; the payload is the arguments, <c>[…args]</c>.</summary>
    /// <param name="nsp">The namespace, starting with <c>/</c>.</param>
    /// <param name="ackId">The id the client's event carried.</param>
    /// <param name="payload">The arguments.</param>
    /// <returns>The Engine.IO messages of the packet, in order.</returns>
    EngineFrame[] EncodeAck(string nsp, long ackId, PacketPayload payload);

    /// <summary>Encodes a CONNECT, DISCONNECT or CONNECT_ERROR with an optional JSON payload.</summary>
    /// <param name="type">The packet type: <see cref="SocketIoPacketType.Connect"/>, <see cref="SocketIoPacketType.Disconnect"/> or <see cref="SocketIoPacketType.ConnectError"/>.</param>
    /// <param name="nsp">The namespace, starting with <c>/</c>.</param>
    /// <param name="json">The payload as one compact JSON value (UTF-8), or empty for none.</param>
    /// <returns>The Engine.IO messages of the packet, in order.</returns>
    EngineFrame[] EncodeControl(SocketIoPacketType type, string nsp, ReadOnlySpan<byte> json);
}
