using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// JSON settings that produce the same text as JavaScript's <c>JSON.stringify</c>, so payloads written by this server
/// match byte for byte what the Node reference sends (the protocol suites compare strings); and reading values as
/// JavaScript's <c>JSON.parse</c> reads them.
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
    /// Gets read-only serializer options as <see cref="CreateSerializerOptions"/> makes them.
    /// </summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateReadOnly();

    /// <summary>
    /// Creates serializer options that a server or an emitter starts from: <see cref="JsonSerializerDefaults.Web"/>
    /// (camelCase names, case-insensitive reads, numbers from strings) with <see cref="Encoder"/>, and strings read as
    /// JavaScript's <c>JSON.parse</c> reads them (an escaped lone surrogate, <c>"\ud800"</c>, becomes that UTF-16 code
    /// unit instead of an error). Their <see cref="JsonSerializerOptions.TypeInfoResolverChain"/> holds the metadata of
    /// the common types (strings, numbers, <see cref="JsonElement"/>, arrays and dictionaries of them) and, unless the
    /// application runs without reflection-based serialization (Native AOT, trimming), the reflection-based resolver:
    /// insert a <c>JsonSerializerContext</c> of your own types first to serialize them without reflection.
    /// </summary>
    /// <returns>New options, not yet read-only.</returns>
    public static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JsonStringifyEncoder.Instance,
            TypeInfoResolver = DefaultResolver(),
        };
        options.Converters.Add(new JavaScriptStringConverter());
        return options;
    }

    /// <summary>
    /// Compares a property's name with a UTF-8 name, where <see cref="JsonProperty.NameEquals(ReadOnlySpan{byte})"/>
    /// would throw on a name with an escaped lone surrogate (such a name never matches one without).
    /// </summary>
    public static bool NameEquals(JsonProperty property, ReadOnlySpan<byte> utf8Name) => JsonStrings.NameEquals(property, utf8Name);

    /// <summary>
    /// Reads a JSON string as JavaScript's <c>JSON.parse</c> does: an escaped lone surrogate becomes that UTF-16 code
    /// unit, where <see cref="JsonElement.GetString"/> throws.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="element"/> is not a string.</exception>
    public static string GetString(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new InvalidOperationException($"Expected a JSON string, not {element.ValueKind}.");
        }

        return JsonStrings.GetString(element);
    }

    /// <summary>
    /// Writes a JSON value whose binary parts are placeholders (<c>{"_placeholder":true,"num":n}</c>) pointing into
    /// <paramref name="attachments"/> as plain JSON, each binary value as JavaScript's <c>JSON.stringify</c> writes a
    /// Node <c>Buffer</c>: <c>{"type":"Buffer","data":[1,2,3]}</c>. For JSON that travels without attachments (a
    /// connection refusal's data).
    /// </summary>
    /// <exception cref="InvalidDataException">A placeholder points to no attachment.</exception>
    public static void WriteStringified(Utf8JsonWriter writer, ReadOnlyMemory<byte> json, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
        => PlaceholderJson.WriteStringified(writer, json, attachments);

    private static JsonSerializerOptions CreateReadOnly()
    {
        var options = CreateSerializerOptions();
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The common types' metadata, then reflection where the application allows it.</summary>
    private static IJsonTypeInfoResolver DefaultResolver()
        => JsonSerializer.IsReflectionEnabledByDefault
            ? JsonTypeInfoResolver.Combine(CommonTypesJsonContext.Default, CreateReflectionResolver())
            : CommonTypesJsonContext.Default;

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only when JsonSerializer.IsReflectionEnabledByDefault, a feature switch that trimmed and Native AOT applications turn off, removing this call.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only when JsonSerializer.IsReflectionEnabledByDefault, a feature switch that trimmed and Native AOT applications turn off, removing this call.")]
    private static DefaultJsonTypeInfoResolver CreateReflectionResolver() => new();
}
