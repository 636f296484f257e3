using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// Reads JSON strings as JavaScript's <c>JSON.parse</c> does: an escaped lone surrogate (<c>"\ud800"</c>) becomes that
/// single UTF-16 code unit. System.Text.Json parses such text but throws whenever it unescapes it (GetString,
/// property names, TryGetProperty, ValueEquals, WriteTo), so the protocol layer reads client strings through here.
/// </summary>
/// <remarks>
/// Every method expects text System.Text.Json has already parsed (a <see cref="JsonElement"/>, or a reader's current
/// token): escapes are well formed. Strings without a lone surrogate escape take System.Text.Json's own path.
/// </remarks>
internal static class JsonStrings
{
    /// <summary>
    /// Finds a <c>\uD800</c>-<c>\uDFFF</c> escape that is not half of a high-low pair, in raw JSON text: a string's
    /// content, or a whole value (backslashes occur only inside strings, so the scan works on either).
    /// </summary>
    public static bool HasLoneSurrogateEscape(ReadOnlySpan<byte> raw) => LoneSurrogateEscapes.Contains(raw);

    /// <summary>Gets the value of a string element, lone surrogates included.</summary>
    public static string GetString(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var content = raw[1..^1];
        return HasLoneSurrogateEscape(content) ? Unescape(content) : element.GetString()!;
    }

    /// <summary>Gets the name of a property, lone surrogates included.</summary>
    public static string GetName(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return HasLoneSurrogateEscape(raw) ? Unescape(raw) : property.Name;
    }

    /// <summary>Compares a property name with a UTF-8 name that holds no lone surrogate (so a name with one never matches).</summary>
    public static bool NameEquals(JsonProperty property, ReadOnlySpan<byte> utf8Name)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return raw.SequenceEqual(utf8Name);
        }

        return !HasLoneSurrogateEscape(raw) && property.NameEquals(utf8Name);
    }

    /// <summary>Reads the current string or property name token of <paramref name="reader"/>, lone surrogates included.</summary>
    public static string ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
        {
            ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
            if (HasLoneSurrogateEscape(raw))
            {
                return Unescape(raw);
            }
        }

        // Also the path for other tokens, whose error the serializer reports as for its own string converter.
        return reader.GetString()!;
    }

    /// <summary>
    /// Returns the UTF-8 of a string element as JavaScript writes such a string as UTF-8 (MessagePack, a Buffer): a lone
    /// surrogate becomes U+FFFD. Without escapes that is a slice of the document, copied nowhere.
    /// </summary>
    public static ReadOnlySpan<byte> GetUtf8(JsonElement element)
    {
        var content = JsonMarshal.GetRawUtf8Value(element)[1..^1];
        return content.IndexOf((byte)'\\') < 0 ? content : Encoding.UTF8.GetBytes(UnescapeToUtf16Text(content));
    }

    /// <summary>Unescapes the content of a JSON string to valid UTF-16 text: lone surrogates become U+FFFD, as in UTF-8 output.</summary>
    public static string UnescapeToUtf16Text(ReadOnlySpan<byte> content)
        => Unescape(LoneSurrogateEscapes.Contains(content) ? LoneSurrogateEscapes.Replace(content) : content);

    /// <summary>Unescapes the content of a JSON string (between the quotes) to UTF-16, keeping lone surrogates.</summary>
    public static string Unescape(ReadOnlySpan<byte> content)
    {
        // Every UTF-8 byte gives at most one UTF-16 code unit, and every escape one.
        var buffer = new char[content.Length];
        var written = 0;
        while (true)
        {
            var backslash = content.IndexOf((byte)'\\');

            // A backslash byte is never inside a multi-byte sequence, so each literal run is whole UTF-8.
            written += Encoding.UTF8.GetChars(backslash < 0 ? content : content[..backslash], buffer.AsSpan(written));
            if (backslash < 0)
            {
                return new string(buffer, 0, written);
            }

            var kind = content[backslash + 1];
            if (kind == 'u')
            {
                buffer[written++] = (char)ParseHex4(content.Slice(backslash + 2, 4));
                content = content[(backslash + 6)..];
                continue;
            }

            buffer[written++] = kind switch
            {
                (byte)'b' => '\b',
                (byte)'f' => '\f',
                (byte)'n' => '\n',
                (byte)'r' => '\r',
                (byte)'t' => '\t',
                _ => (char)kind, // " \ /
            };
            content = content[(backslash + 2)..];
        }
    }

    private static int ParseHex4(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var digit in hex)
        {
            value = (value << 4) | (digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                _ => digit - 'A' + 10,
            });
        }

        return value;
    }
}
