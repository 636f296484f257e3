using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocketIo.Server.Internal;

/// <summary>
/// Reads string values as JavaScript does, lone surrogate escapes included; see <see cref="JsonStrings"/>. Used for
/// binding client input only: what the server writes is unchanged. (A dictionary key with a lone surrogate still
/// fails to bind: System.Text.Json reads every key itself first.)
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"The JSON value could not be converted to System.String (it is {reader.TokenType}).");
        }

        return JsonStrings.Read(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>Reads a dictionary key: a converter registered for strings must, or string-keyed dictionaries fail to bind.</summary>
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => JsonStrings.Read(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        => writer.WritePropertyName(value);
}
