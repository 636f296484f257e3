namespace SocketIo.Protocol.Packets;

/// <summary>
/// One JSON value, binary values written as <c>{"_placeholder":true,"num":n}</c>, with the attachments they point to:
/// an acknowledgement's argument, a socket's data. <see cref="PacketPayload"/> is the same idea for the argument array
/// of an event. Every placeholder points to an attachment; attachments are numbered in the order they first appear.
/// </summary>
internal sealed class PayloadValue
{
    /// <summary>The JSON <c>null</c>, nothing attached.</summary>
    public static readonly PayloadValue Null = new("null"u8.ToArray(), []);

    /// <summary>Initializes a value.</summary>
    /// <param name="json">The compact JSON, UTF-8.</param>
    /// <param name="attachments">The binary attachments, in placeholder order.</param>
    public PayloadValue(ReadOnlyMemory<byte> json, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        Json = json;
        Attachments = attachments;
    }

    /// <summary>Gets the JSON, UTF-8.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>Gets the binary attachments, in placeholder order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments { get; }

    /// <summary>Gets whether the value holds binary (what Node's <c>hasBinary</c> asks before choosing MessagePack).</summary>
    public bool HasBinary => Attachments.Count > 0;
}
