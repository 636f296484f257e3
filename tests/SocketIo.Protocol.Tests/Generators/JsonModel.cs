using System.Buffers;
using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Generators;

/// <summary>
/// A JSON value the property tests generate, with binary attachments as leaves: written through the protocol's JSON
/// settings (attachments as placeholders, numbered in writing order), then compared with what the decoder gives back.
/// </summary>
internal abstract record JsonModel
{
    /// <summary>Writes the value; each attachment becomes a placeholder and its bytes are appended to <paramref name="attachments"/>.</summary>
    public abstract void Write(Utf8JsonWriter writer, List<ReadOnlyMemory<byte>> attachments);

    /// <summary>Returns the compact JSON text, UTF-8, and the attachments in placeholder order.</summary>
    public byte[] ToJson(out List<ReadOnlyMemory<byte>> attachments)
    {
        attachments = [];
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            Write(writer, attachments);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>The JSON text, with each attachment's bytes after it: what FsCheck prints for a failing case.</summary>
    public sealed override string ToString()
    {
        var json = Encoding.UTF8.GetString(ToJson(out var attachments));
        return attachments.Count == 0 ? json : json + " + " + string.Join(" ", attachments.Select(a => "<" + Convert.ToHexString(a.Span) + ">"));
    }

    public sealed record Null : JsonModel
    {
        public override void Write(Utf8JsonWriter writer, List<ReadOnlyMemory<byte>> attachments) => writer.WriteNullValue();
    }

    public sealed record Bool(bool Value) : JsonModel
    {
        public override void Write(Utf8JsonWriter writer, List<ReadOnlyMemory<byte>> attachments) => writer.WriteBooleanValue(Value);
    }

    /// <summary>A number, as text: the decoder and the encoder keep number text as it is.</summary>
    public sealed record Number(string Literal) : JsonModel
    {
        public override void Write(Utf8JsonWriter writer, List<ReadOnlyMemory<byte>> attachments) => writer.WriteRawValue(Literal);
    }

    /// <summary>A string: any UTF-16, lone surrogates included.</summary>
    public sealed record Text(string Value) : JsonModel
    {
        public override void Write(Utf8JsonWriter writer, List<ReadOnlyMemory<byte>> attachments) => writer.WriteStringValue(Value);
    }

    public sealed record Attachment(byte[] Bytes) : JsonModel
    {
        public override void Write(Utf8JsonWriter writer, List<ReadOnlyMemory<byte>> attachments)
        {
            SocketIoPacketEncoder.WritePlaceholder(writer, attachments.Count);
            attachments.Add(Bytes);
        }
    }

    public sealed record ArrayValue(IReadOnlyList<JsonModel> Items) : JsonModel
    {
        public override void Write(Utf8JsonWriter writer, List<ReadOnlyMemory<byte>> attachments)
        {
            writer.WriteStartArray();
            foreach (var item in Items)
            {
                item.Write(writer, attachments);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>An object; keys in order, duplicates allowed (JSON allows them, and the decoder keeps them).</summary>
    public sealed record ObjectValue(IReadOnlyList<KeyValuePair<string, JsonModel>> Properties) : JsonModel
    {
        public override void Write(Utf8JsonWriter writer, List<ReadOnlyMemory<byte>> attachments)
        {
            writer.WriteStartObject();
            foreach (var (name, value) in Properties)
            {
                writer.WritePropertyName(name);
                value.Write(writer, attachments);
            }

            writer.WriteEndObject();
        }
    }
}
