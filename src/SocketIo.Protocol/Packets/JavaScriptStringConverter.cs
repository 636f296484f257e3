using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// Reads JSON strings into .NET strings as JavaScript's <c>JSON.parse</c> does, keeping an escaped lone surrogate
/// (<c>"\ud800"</c>) as that code unit where System.Text.Json's own converter throws. Writes as the default converter
/// does (the writer's encoder escapes lone surrogates).
/// </summary>
/// <remarks>
/// Only values: System.Text.Json reads property names itself before any converter sees them, so an object whose
/// keys hold lone surrogates cannot be bound to a dictionary or a class (a <see cref="JsonException"/>, like any
/// other mismatch); bind it as a <see cref="JsonElement"/>.
/// </remarks>
internal sealed class JavaScriptStringConverter : JsonConverter<string>
{
    /// <inheritdoc/>
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonStrings.ReadString(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
