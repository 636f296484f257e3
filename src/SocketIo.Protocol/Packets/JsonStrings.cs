using System.Runtime.InteropServices;
using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// Reads JSON strings (values and property names) the way JavaScript does, lone surrogate escapes included: those
/// become U+FFFD, the replacement character, where .NET would refuse the text.
/// </summary>
internal static class JsonStrings
{
    /// <summary>
    /// Returns the UTF-8 of a string element. Without escapes that is a slice of the document, copied nowhere;
    /// otherwise the unescaped text.
    /// </summary>
    public static ReadOnlySpan<byte> GetUtf8(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var body = raw[1..^1];
        return body.IndexOf((byte)'\\') < 0 ? body : System.Text.Encoding.UTF8.GetBytes(Unescape(body));
    }

    /// <summary>Unescapes the raw text between a JSON string's quotes, whose escapes a reader has already checked.</summary>
    public static string Unescape(ReadOnlySpan<byte> raw)
    {
        var body = LoneSurrogateEscapes.Contains(raw) ? LoneSurrogateEscapes.Replace(raw) : raw;
        var quoted = new byte[body.Length + 2];
        quoted[0] = (byte)'"';
        body.CopyTo(quoted.AsSpan(1));
        quoted[^1] = (byte)'"';
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString()!;
    }
}
