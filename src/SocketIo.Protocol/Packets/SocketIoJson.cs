using System.Text.Encodings.Web;
using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// JSON settings that produce the same text as JavaScript's <c>JSON.stringify</c>, so payloads written by this server
/// match byte for byte what the Node reference sends (the protocol suites compare strings).
/// </summary>
public static class SocketIoJson
{
    /// <summary>
    /// Gets an encoder that escapes only what JSON requires: <c>"</c>, <c>\</c>, control characters below U+0020 and
    /// lone surrogates. <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, <c>'</c>, <c>+</c> and all non-ASCII characters, emoji
    /// included, are written unescaped. Not suitable for JSON embedded in HTML.
    /// </summary>
    public static JavaScriptEncoder Encoder => JsonStringifyEncoder.Instance;

    /// <summary>Gets writer options: <see cref="Encoder"/>, compact output, validation on.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JsonStringifyEncoder.Instance,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>
    /// Gets serializer options: <see cref="JsonSerializerDefaults.Web"/> (camelCase names, case-insensitive reads,
    /// numbers from strings) with <see cref="Encoder"/>, and strings read as JavaScript's <c>JSON.parse</c> reads them:
    /// an escaped lone surrogate (<c>"\ud800"</c>) becomes that UTF-16 code unit instead of an error. Read-only.
    /// </summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions();

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JsonStringifyEncoder.Instance };
        options.Converters.Add(new JavaScriptStringConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
