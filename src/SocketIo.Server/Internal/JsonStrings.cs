using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SocketIo.Server.Internal;

/// <summary>
/// Reads JSON strings the way JavaScript's <c>JSON.parse</c> does: an escaped lone surrogate (<c>"\ud800"</c>) is a
/// valid string whose UTF-16 holds that unit. System.Text.Json refuses to read such a string (it cannot be UTF-8), yet
/// a .NET string holds it fine, so these read it by hand when System.Text.Json gives up.
/// </summary>
internal static class JsonStrings
{
    /// <summary>Gets the value of a JSON string element.</summary>
    public static string Get(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException) when (element.ValueKind == JsonValueKind.String)
        {
            var raw = Encoding.UTF8.GetBytes(element.GetRawText());
            return Unescape(raw.AsSpan(1, raw.Length - 2));
        }
    }

    /// <summary>Reads the string token the reader is on.</summary>
    public static string Read(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.GetString()!;
        }

        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return reader.HasValueSequence ? Unescape(reader.ValueSequence.ToArray()) : Unescape(reader.ValueSpan);
        }
    }

    /// <summary>Unescapes the UTF-8 between a JSON string's quotes, already validated by a JSON reader.</summary>
    private static string Unescape(ReadOnlySpan<byte> escaped)
    {
        var text = new StringBuilder(escaped.Length);
        while (!escaped.IsEmpty)
        {
            var backslash = escaped.IndexOf((byte)'\\');
            if (backslash < 0)
            {
                text.Append(Encoding.UTF8.GetString(escaped));
                break;
            }

            text.Append(Encoding.UTF8.GetString(escaped[..backslash]));
            var kind = (char)escaped[backslash + 1];
            if (kind == 'u')
            {
                // One UTF-16 unit, paired or not: a surrogate pair is two escapes that land next to each other.
                text.Append((char)ushort.Parse(escaped.Slice(backslash + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                escaped = escaped[(backslash + 6)..];
                continue;
            }

            text.Append(kind switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => kind, // \" \\ \/
            });
            escaped = escaped[(backslash + 2)..];
        }

        return text.ToString();
    }
}
