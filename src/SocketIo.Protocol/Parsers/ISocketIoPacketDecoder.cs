using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Parsers;

/// <summary>
/// Decodes the Socket.IO packets of one connection, message by message, as <see cref="ISocketIoParser.CreateDecoder"/>
/// makes it. Client input never makes a call throw: a bad message gives <see cref="SocketIoDecodeStatus.Error"/> with
/// a short reason. One instance per connection; not thread-safe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "'error' is the parameter's name on SocketIoPacketDecoder too; C# users never meet the Visual Basic keyword.")]
public interface ISocketIoPacketDecoder
{
    /// <summary>Gets a value indicating whether a packet was begun and more messages are due to complete it.</summary>
    bool IsAwaitingAttachments { get; }

    /// <summary>Decodes one text message: the Engine.IO message data, without the Engine.IO <c>4</c> prefix.</summary>
    /// <param name="utf8">The message, UTF-8 encoded.</param>
    /// <param name="packet">
    /// The decoded packet when the result is <see cref="SocketIoDecodeStatus.Packet"/> or <see cref="SocketIoDecodeStatus.Ignored"/>.
    /// </param>
    /// <param name="error">
    /// Why the message was refused (<see cref="SocketIoDecodeStatus.Error"/>) or is to be dropped (<see cref="SocketIoDecodeStatus.Ignored"/>).
    /// </param>
    /// <returns>What became of the message; see <see cref="SocketIoDecodeStatus"/>.</returns>
    SocketIoDecodeStatus DecodeText(ReadOnlySpan<byte> utf8, out SocketIoPacket? packet, out string? error);

    /// <summary>Decodes one binary message. The bytes are copied where the packet keeps them.</summary>
    /// <param name="data">The message.</param>
    /// <param name="packet">
    /// The decoded packet when the result is <see cref="SocketIoDecodeStatus.Packet"/> or <see cref="SocketIoDecodeStatus.Ignored"/>.
    /// </param>
    /// <param name="error">
    /// Why the message was refused (<see cref="SocketIoDecodeStatus.Error"/>) or is to be dropped (<see cref="SocketIoDecodeStatus.Ignored"/>).
    /// </param>
    /// <returns>What became of the message; see <see cref="SocketIoDecodeStatus"/>.</returns>
    SocketIoDecodeStatus DecodeBinary(ReadOnlySpan<byte> data, out SocketIoPacket? packet, out string? error);

    /// <summary>Drops any partly received packet.</summary>
    void Reset();
}
