using System.Runtime.InteropServices;
using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// Writes a received <see cref="JsonElement"/> as <see cref="JsonElement.WriteTo"/> does, except that strings and
/// property names holding an escaped lone surrogate are written too (WriteTo throws on them): with
/// <see cref="SocketIoJson.WriterOptions"/> they come out as <c>\udxxx</c>, as <c>JSON.stringify</c> writes them.
/// </summary>
internal static class JsonElementWriter
{
    /// <summary>Writes <paramref name="element"/> to <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        // One scan of the whole value; only a value with a lone surrogate somewhere is taken apart.
        if (JsonStrings.HasLoneSurrogateEscape(JsonMarshal.GetRawUtf8Value(element)))
        {
            WriteByParts(writer, element);
        }
        else
        {
            element.WriteTo(writer);
        }
    }

    /// <summary>Writes container by container, checking each string on its own, so the work stays linear in the text.</summary>
    private static void WriteByParts(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                writer.WriteStringValue(JsonStrings.GetString(element));
                return;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteByParts(writer, item);
                }

                writer.WriteEndArray();
                return;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(JsonStrings.GetName(property));
                    WriteByParts(writer, property.Value);
                }

                writer.WriteEndObject();
                return;
            default:
                // Numbers and literals hold no strings.
                element.WriteTo(writer);
                return;
        }
    }
}
