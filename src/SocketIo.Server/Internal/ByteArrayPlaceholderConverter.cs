using System.Text.Json;
using System.Text.Json.Serialization;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Internal;

/// <summary>
/// Writes a <c>byte[]</c> as a binary attachment (a placeholder in the JSON) and reads a placeholder back as
/// its attachment; outside a packet, or for a base64 string, it behaves like the default converter.
/// </summary>
internal sealed class ByteArrayPlaceholderConverter : JsonConverter<byte[]>
{
    public override byte[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetBytesFromBase64();
            case JsonTokenType.StartObject:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    var attachments = BinaryScope.Inbound;
                    if (attachments is not null
                        && AttachmentPlaceholder.TryGetIndex(document.RootElement, out var num)
                        && (uint)num < (uint)attachments.Count)
                    {
                        return attachments[num];
                    }
                }

                throw new JsonException("Expected a binary attachment placeholder.");
            default:
                throw new JsonException($"Cannot read {reader.TokenType} as binary data.");
        }
    }

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options)
    {
        var outbound = BinaryScope.Outbound;
        if (outbound is null)
        {
            writer.WriteBase64StringValue(value);
            return;
        }

        SocketIoPacketEncoder.WritePlaceholder(writer, outbound.Count);
        outbound.Add(value);
    }
}
