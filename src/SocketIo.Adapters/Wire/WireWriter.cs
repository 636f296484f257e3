using System.Buffers;
using System.Text.Json;
using SocketIo.Protocol.Msgpack;
using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Wire;

/// <summary>
/// Writes a message for other nodes. Whatever the framing, the message is written as JSON through <see cref="Json"/>
/// (keys in Node's order); values that hold binary go through <c>WriteValue</c>. For MessagePack framing the
/// JSON and the binary collected on the way are converted at the end, binary becoming native <c>bin</c>; for JSON
/// framing binary is written as <c>JSON.stringify</c> writes a Node <c>Buffer</c>.
/// </summary>
internal sealed partial class WireWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _output = new(256);

    /// <summary>The binary of the values written so far, in placeholder order (MessagePack framing only).</summary>
    private readonly List<ReadOnlyMemory<byte>> _attachments = [];

    /// <summary>Initializes a writer for one message.</summary>
    public WireWriter(WireFraming framing)
    {
        Framing = framing;
        Json = new Utf8JsonWriter(_output, SocketIoJson.WriterOptions);
    }

    /// <summary>Gets the framing the message is written for.</summary>
    public WireFraming Framing { get; }

    /// <summary>Gets the JSON writer of the message's structure.</summary>
    public Utf8JsonWriter Json { get; }

    /// <summary>Writes a value that may hold binary placeholders.</summary>
    public void WriteValue(ReadOnlyMemory<byte> json, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        if (Framing == WireFraming.Json)
        {
            PlaceholderJson.WriteStringified(Json, json, attachments);
            return;
        }

        PlaceholderJson.WriteShifted(Json, json, attachments.Count, _attachments.Count);
        _attachments.AddRange(attachments);
    }

    /// <summary>Writes a value that may hold binary placeholders.</summary>
    public void WriteValue(PayloadValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteValue(value.Json, value.Attachments);
    }

    /// <summary>Writes an argument array that may hold binary placeholders.</summary>
    public void WriteValue(PacketPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        WriteValue(payload.Json, payload.Attachments);
    }

    /// <summary>Writes plain JSON (a socket's handshake or data), which points to no attachment.</summary>
    public void WriteJson(JsonElement value) => value.WriteTo(Json);

    /// <summary>Writes a JSON array of strings.</summary>
    public void WriteStrings(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Json.WriteStartArray();
        foreach (var value in values)
        {
            Json.WriteStringValue(value);
        }

        Json.WriteEndArray();
    }

    /// <summary>Finishes the message and returns its bytes in the writer's framing.</summary>
    public byte[] ToArray()
    {
        Json.Flush();
        return Framing == WireFraming.Json
            ? _output.WrittenSpan.ToArray()
            : JsonToMsgpack.Encode(_output.WrittenMemory, _attachments);
    }

    /// <inheritdoc />
    public void Dispose() => Json.Dispose();
}
