using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// Copies JSON values whose binary parts are <c>{"_placeholder":true,"num":n}</c> objects pointing into a list of
/// attachments: out of a larger document into a value of their own, into a larger document after other values'
/// attachments, or into plain JSON, where binary becomes what JavaScript's <c>JSON.stringify</c> makes of a Node
/// <c>Buffer</c>: <c>{"type":"Buffer","data":[1,2,3]}</c>. Every placeholder must point to an attachment; one that
/// does not makes the copy fail with <see cref="InvalidDataException"/>.
/// </summary>
internal static class PlaceholderJson
{
    /// <summary>The deepest nesting copied, the default limit of <see cref="Utf8JsonWriter"/>.</summary>
    public const int MaxDepth = 1000;

    /// <summary>Gets options for parsing the JSON these values live in, as deep as they may be.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// Recognizes an object the Socket.IO parsers take for binary (<c>"_placeholder": true</c>) and returns the
    /// attachment index it claims, or -1 when it claims none that is a whole number (not checked against any list).
    /// Never throws, whatever the object's property names hold (an escaped lone surrogate, say).
    /// </summary>
    public static bool IsPlaceholder(JsonElement element, out int num) => AttachmentPlaceholder.TryGetIndex(element, out num);

    /// <summary>
    /// Cuts <paramref name="value"/> out of a document whose placeholders point into <paramref name="attachments"/>:
    /// a value of its own, whose attachments are numbered from 0 in the order they appear.
    /// </summary>
    public static PayloadValue ExtractValue(JsonElement value, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        var (json, own) = Extract(value, attachments);
        return new PayloadValue(json, own);
    }

    /// <summary>As <see cref="ExtractValue"/>, for an array of event arguments.</summary>
    public static PacketPayload ExtractPayload(JsonElement array, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("expected an array of arguments");
        }

        var (json, own) = Extract(array, attachments);
        return new PacketPayload(json, own);
    }

    /// <summary>
    /// Writes a value into a larger document whose attachment list already holds <paramref name="offset"/> entries
    /// before this value's: its placeholders are shifted by that much.
    /// </summary>
    public static void WriteShifted(Utf8JsonWriter writer, ReadOnlyMemory<byte> json, int attachmentCount, int offset)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (attachmentCount == 0 || offset == 0)
        {
            WriteRaw(writer, json, attachmentCount);
            return;
        }

        using var document = JsonDocument.Parse(json, DocumentOptions);
        Copy(writer, document.RootElement, (attachmentCount, offset), static (w, num, state) =>
        {
            CheckIndex(num, state.attachmentCount);
            WritePlaceholder(w, num + state.offset);
        });
    }

    /// <summary>
    /// Writes a value where JSON must stand alone: each attachment becomes <c>{"type":"Buffer","data":[…]}</c>, as
    /// <c>JSON.stringify</c> writes a Node <c>Buffer</c> (a Node receiver gets that plain object, exactly as when a
    /// Node sender stringifies a <c>Buffer</c>).
    /// </summary>
    public static void WriteStringified(Utf8JsonWriter writer, ReadOnlyMemory<byte> json, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(attachments);
        if (attachments.Count == 0)
        {
            WriteRaw(writer, json, 0);
            return;
        }

        using var document = JsonDocument.Parse(json, DocumentOptions);
        Copy(writer, document.RootElement, attachments, static (w, num, all) =>
        {
            CheckIndex(num, all.Count);
            w.WriteStartObject();
            w.WriteString("type"u8, "Buffer"u8);
            w.WriteStartArray("data"u8);
            foreach (var b in all[num].Span)
            {
                w.WriteNumberValue(b);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>Writes JSON that holds no attachments as is, after checking that no placeholder hides in it.</summary>
    private static void WriteRaw(Utf8JsonWriter writer, ReadOnlyMemory<byte> json, int attachmentCount)
    {
        if (attachmentCount == 0 && MayHoldPlaceholder(json.Span))
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            Copy(writer, document.RootElement, 0, static (_, num, count) => CheckIndex(num, count));
            return;
        }

        writer.WriteRawValue(json.Span, skipInputValidation: true);
    }

    private static (byte[] Json, ReadOnlyMemory<byte>[] Attachments) Extract(JsonElement value, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (attachments.Count == 0 && !MayHoldPlaceholder(raw))
        {
            return (raw.ToArray(), []);
        }

        // Numbered in order of appearance; an attachment met twice keeps its first number.
        var renumbered = new Dictionary<int, int>();
        var own = new List<ReadOnlyMemory<byte>>();
        var output = new ArrayBufferWriter<byte>(raw.Length);
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            Copy(writer, value, (attachments, renumbered, own), static (w, num, state) =>
            {
                CheckIndex(num, state.attachments.Count);
                if (!state.renumbered.TryGetValue(num, out var local))
                {
                    local = state.own.Count;
                    state.renumbered[num] = local;
                    state.own.Add(state.attachments[num]);
                }

                WritePlaceholder(w, local);
            });
        }

        return (output.WrittenSpan.ToArray(), [.. own]);
    }

    /// <summary>A cheap pre-check: a placeholder key is either spelled out or written with escapes.</summary>
    private static bool MayHoldPlaceholder(ReadOnlySpan<byte> json) =>
        json.IndexOf("placeholder"u8) >= 0 || json.IndexOf((byte)'\\') >= 0;

    private static void CheckIndex(int num, int count)
    {
        if (num < 0 || num >= count)
        {
            throw new InvalidDataException("binary placeholder pointing nowhere");
        }
    }

    private static void WritePlaceholder(Utf8JsonWriter writer, int num)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("_placeholder"u8, true);
        writer.WriteNumber("num"u8, num);
        writer.WriteEndObject();
    }

    /// <summary>Copies <paramref name="element"/>, handing each placeholder to <paramref name="onPlaceholder"/>.</summary>
    private static void Copy<TState>(Utf8JsonWriter writer, JsonElement element, TState state, Action<Utf8JsonWriter, int, TState> onPlaceholder)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Copy(writer, item, state, onPlaceholder);
                }

                writer.WriteEndArray();
                break;

            case JsonValueKind.Object when IsPlaceholder(element, out var num):
                onPlaceholder(writer, num, state);
                break;

            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    WritePropertyName(writer, property);
                    Copy(writer, property.Value, state, onPlaceholder);
                }

                writer.WriteEndObject();
                break;

            default:
                // Numbers, strings (escapes kept as written), true, false, null.
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
                break;
        }
    }

    /// <summary>Writes a property name, unescaping it only when it holds escapes (a lone surrogate becomes U+FFFD).</summary>
    internal static void WritePropertyName(Utf8JsonWriter writer, JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            writer.WritePropertyName(raw);
        }
        else
        {
            writer.WritePropertyName(JsonStrings.UnescapeToUtf16Text(raw));
        }
    }
}
