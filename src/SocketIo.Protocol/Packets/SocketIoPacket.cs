using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// One Socket.IO v5 packet: its type, namespace, optional ack id, JSON payload and, for binary types, the
/// attachments that travel as separate binary messages after the text header.
/// </summary>
public sealed class SocketIoPacket
{
    /// <summary>The largest ack id the protocol allows: 2^53 - 1, the largest integer a JavaScript number holds exactly.</summary>
    public const long MaxAckId = (1L << 53) - 1;

    /// <summary>Gets the packet type.</summary>
    public required SocketIoPacketType Type { get; init; }

    /// <summary>Gets the namespace, starting with <c>/</c>. The default is <c>/</c>.</summary>
    public string Namespace { get; init; } = "/";

    /// <summary>Gets the ack id, from 0 to <see cref="MaxAckId"/>, or <see langword="null"/> when there is none.</summary>
    public long? AckId { get; init; }

    /// <summary>
    /// Gets the JSON payload, or <see langword="null"/> when there is none (an ACK may have none: no arguments). A
    /// decoded payload is a standalone element (it owns its bytes); in binary packets the
    /// <c>{"_placeholder":true,"num":N}</c> objects are left in place. Its strings may hold escaped lone surrogates,
    /// which <see cref="JsonElement.GetString"/> and <see cref="JsonElement.WriteTo"/> throw on; read them through
    /// <see cref="SocketIoJson.SerializerOptions"/> and write the element with <see cref="SocketIoPacketEncoder"/>.
    /// </summary>
    public JsonElement? Data { get; init; }

    /// <summary>Gets the binary attachments, in order; placeholder <c>num</c> indexes this list. Empty for text packets.</summary>
    public IReadOnlyList<byte[]> Attachments { get; init; } = [];

    /// <summary>Gets a value indicating whether the type is <see cref="SocketIoPacketType.BinaryEvent"/> or <see cref="SocketIoPacketType.BinaryAck"/>.</summary>
    public bool IsBinary => Type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck;

    /// <summary>
    /// Gets the event name of an event packet: the first array element when it is a string; when it is a number, the
    /// text JavaScript makes of it (<c>42[1]</c> and <c>42[1.0]</c> name the event <c>1</c>, <c>42[1e21]</c> names it
    /// <c>1e+21</c>, as Node's server names them); otherwise <see langword="null"/>.
    /// </summary>
    /// <remarks>An escaped lone surrogate in the name is kept as that code unit, as in JavaScript; this never throws.</remarks>
    public string? EventName
    {
        get
        {
            if (Type is not (SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent)
                || Data is not { ValueKind: JsonValueKind.Array } array
                || array.GetArrayLength() == 0)
            {
                return null;
            }

            var first = array[0];
            return first.ValueKind switch
            {
                JsonValueKind.String => JsonStrings.GetString(first),
                // A number too large for a double is Infinity in JavaScript.
                JsonValueKind.Number => first.TryGetDouble(out var number)
                    ? JavaScriptNumber.ToString(number)
                    : JavaScriptNumber.ToString(first.GetRawText().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity),
                _ => null,
            };
        }
    }
}
