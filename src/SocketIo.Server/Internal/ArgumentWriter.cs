using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Internal;

/// <summary>
/// Writes one emit argument as JSON. Binary values become placeholders whose bytes are appended to the attachment
/// list; raw JSON (<see cref="JsonElement"/>, <see cref="SocketIoArguments"/>) is written as received, with its
/// placeholders renumbered when it carries attachments; other values go through the server's serializer, by their
/// runtime type (or the declared type a <see cref="TypedArgument{T}"/> carries).
/// </summary>
internal static class ArgumentWriter
{
    public static void Write(Utf8JsonWriter writer, object? value, List<ReadOnlyMemory<byte>> attachments, SocketIoSerializer serializer)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string text:
                writer.WriteStringValue(text);
                return;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return;
            case int number:
                writer.WriteNumberValue(number);
                return;
            case long number:
                writer.WriteNumberValue(number);
                return;
            case double number:
                writer.WriteNumberValue(number);
                return;
            case byte[] bytes:
                WriteAttachment(writer, bytes, attachments);
                return;
            case ReadOnlyMemory<byte> bytes:
                WriteAttachment(writer, bytes, attachments);
                return;
            case Memory<byte> bytes:
                WriteAttachment(writer, bytes, attachments);
                return;
            case ArraySegment<byte> bytes:
                WriteAttachment(writer, bytes, attachments);
                return;
            case JsonElement element:
                element.WriteTo(writer);
                return;
            case ITypedArgument typed:
                typed.Write(writer, attachments, serializer);
                return;
            case SocketIoArguments arguments:
                // Spread: the arguments stand in for themselves, each at its own position.
                foreach (var element in arguments.Values)
                {
                    WriteElement(writer, element, arguments.Attachments, attachments);
                }

                return;
            default:
                WriteSerialized(writer, value, serializer.GetTypeInfo(value.GetType()), attachments);
                return;
        }
    }

    /// <summary>
    /// Writes a value where JSON stands alone, with no attachments to point to (a CONNECT_ERROR's data): binary values
    /// become <c>{"type":"Buffer","data":[…]}</c>, as <c>JSON.stringify</c> writes a Node Buffer.
    /// </summary>
    public static void WriteStandalone(Utf8JsonWriter writer, object? value, SocketIoSerializer serializer)
    {
        var attachments = new List<ReadOnlyMemory<byte>>();
        var json = new ArrayBufferWriter<byte>(64);
        using (var inner = new Utf8JsonWriter(json, SocketIoJson.WriterOptions))
        {
            Write(inner, value, attachments, serializer);
        }

        SocketIoJson.WriteStringified(writer, json.WrittenMemory, attachments);
    }

    private static void WriteAttachment(Utf8JsonWriter writer, ReadOnlyMemory<byte> bytes, List<ReadOnlyMemory<byte>> attachments)
    {
        SocketIoPacketEncoder.WritePlaceholder(writer, attachments.Count);
        attachments.Add(bytes);
    }

    /// <summary>Writes a value with its metadata; <c>byte[]</c> inside it become attachments.</summary>
    public static void WriteSerialized(Utf8JsonWriter writer, object? value, JsonTypeInfo info, List<ReadOnlyMemory<byte>> attachments)
    {
        var previous = BinaryScope.Outbound;
        BinaryScope.Outbound = attachments;
        try
        {
            JsonSerializer.Serialize(writer, value, info);
        }
        finally
        {
            BinaryScope.Outbound = previous;
        }
    }

    /// <summary>Writes received JSON, mapping each placeholder to a fresh attachment index in this packet.</summary>
    private static void WriteElement(Utf8JsonWriter writer, JsonElement element, IReadOnlyList<byte[]> source, List<ReadOnlyMemory<byte>> attachments)
    {
        if (source.Count == 0)
        {
            element.WriteTo(writer);
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object when AttachmentPlaceholder.TryGetIndex(element, out var num) && (uint)num < (uint)source.Count:
                WriteAttachment(writer, source[num], attachments);
                return;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteElement(writer, property.Value, source, attachments);
                }

                writer.WriteEndObject();
                return;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteElement(writer, item, source, attachments);
                }

                writer.WriteEndArray();
                return;
            default:
                element.WriteTo(writer);
                return;
        }
    }
}
