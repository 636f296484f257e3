using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Parsers;

/// <summary>
/// A payload as a JavaScript object graph holds it, written as JSON for comparison: a duplicate key keeps its first
/// place and its last value, array-index keys come first in ascending order, numbers are doubles, and each binary
/// placeholder is replaced by its bytes (<c>{"$bin":"base64"}</c>), so that attachment numbering does not matter.
/// </summary>
internal static class JavaScriptView
{
    public static string Of(string json, IReadOnlyList<byte[]> attachments)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            Write(writer, JsonElement.Parse(json), attachments);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value, IReadOnlyList<byte[]> attachments)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item, attachments);
                }

                writer.WriteEndArray();
                break;

            case JsonValueKind.Object when AttachmentPlaceholder.TryGetIndex(value, out var num) && num >= 0 && num < attachments.Count:
                writer.WriteStartObject();
                writer.WriteString("$bin", Convert.ToBase64String(attachments[num]));
                writer.WriteEndObject();
                break;

            case JsonValueKind.Object:
                var properties = new List<(string Key, JsonElement Value)>();
                foreach (var property in value.EnumerateObject())
                {
                    var key = JsonStrings.GetName(property);
                    var at = properties.FindIndex(p => p.Key == key);
                    if (at >= 0)
                    {
                        properties[at] = (key, property.Value);
                    }
                    else
                    {
                        properties.Add((key, property.Value));
                    }
                }

                writer.WriteStartObject();
                foreach (var (key, item) in properties.Where(p => IsArrayIndex(p.Key)).OrderBy(p => uint.Parse(p.Key, CultureInfo.InvariantCulture))
                    .Concat(properties.Where(p => !IsArrayIndex(p.Key))))
                {
                    writer.WritePropertyName(key);
                    Write(writer, item, attachments);
                }

                writer.WriteEndObject();
                break;

            case JsonValueKind.Number:
                writer.WriteRawValue(JavaScriptNumber.ToString(value.GetDouble()));
                break;

            case JsonValueKind.String:
                writer.WriteStringValue(JsonStrings.GetString(value));
                break;

            default:
                value.WriteTo(writer);
                break;
        }
    }

    /// <summary>Whether JavaScript orders the key as an array index: a canonical integer from 0 to 2^32 - 2.</summary>
    private static bool IsArrayIndex(string key)
        => key.Length > 0 && key.All(char.IsAsciiDigit) && (key == "0" || key[0] != '0')
            && ulong.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= uint.MaxValue - 1;
}
