using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// The namespace of a protocol v4 packet, which may carry a query string: a 2.x client joins with
/// <c>40/admin?token=abc,</c>, and the Node server reads the namespace as a URL: the path names the namespace, the
/// query parameters become the handshake's auth object (<c>{"token":"abc"}</c>), a <c>#</c> fragment is dropped. The
/// path is otherwise kept as written: the Node server also resolves dot segments and percent-encodes spaces and
/// non-ASCII characters, which leaves the client unable to match the server's reply to its namespace.
/// </summary>
internal static class NamespaceQuery
{
    /// <summary>The largest array index in JavaScript, 2^32 - 2: such keys come first in an object, in numeric order.</summary>
    private const uint MaxArrayIndex = uint.MaxValue - 1;

    /// <summary>The auth of a CONNECT without a query: an empty object, shared (elements are immutable).</summary>
    private static readonly JsonElement s_emptyObject = JsonElement.Parse("{}");

    /// <summary>
    /// Splits a namespace as written in a packet into its path (returned) and its query (without the <c>?</c>;
    /// <see langword="null"/> when there is none). Trailing spaces and a <c>#</c> fragment are dropped, as the URL
    /// parser drops them. Returns <paramref name="raw"/> itself when there is nothing to split.
    /// </summary>
    public static string Split(string raw, out string? query)
    {
        query = null;
        var text = raw.AsSpan().TrimEnd(' ');
        var fragment = text.IndexOf('#');
        if (fragment >= 0)
        {
            text = text[..fragment];
        }

        var mark = text.IndexOf('?');
        if (mark >= 0)
        {
            query = text[(mark + 1)..].ToString();
            text = text[..mark];
        }

        return text.Length == raw.Length ? raw : text.ToString();
    }

    /// <summary>
    /// Builds the auth object from a query as the Node server does (<c>URLSearchParams</c> entries copied into a plain
    /// object): pairs split on <c>&amp;</c> and at the first <c>=</c>, <c>+</c> read as a space, <c>%XX</c> as UTF-8 bytes,
    /// every value a string, the last of a repeated key winning. Keys are in JavaScript's order (array indexes first,
    /// ascending, then the others as first seen), so the object serializes as <c>JSON.stringify</c> would write it.
    /// </summary>
    public static JsonElement ToAuthObject(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return s_emptyObject;
        }

        var entries = new List<KeyValuePair<string, string>>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var range in query.AsSpan().Split('&'))
        {
            var pair = query.AsSpan()[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = Decode(equals < 0 ? [] : pair[(equals + 1)..]);
            if (positions.TryGetValue(name, out var position))
            {
                entries[position] = new(name, value);
            }
            else
            {
                positions[name] = entries.Count;
                entries.Add(new(name, value));
            }
        }

        var ordered = entries.Where(e => IsArrayIndex(e.Key))
            .OrderBy(e => uint.Parse(e.Key, CultureInfo.InvariantCulture))
            .Concat(entries.Where(e => !IsArrayIndex(e.Key)));
        var buffer = new ArrayBufferWriter<byte>(query.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, SocketIoJson.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in ordered)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    private static string Decode(ReadOnlySpan<char> text)
    {
        var bytes = Encoding.UTF8.GetBytes(text.ToArray());
        bytes.AsSpan().Replace((byte)'+', (byte)' ');
        return PercentDecoding.DecodeUtf8(bytes);
    }

    /// <summary>A canonical array index: <c>0</c>, or digits without a leading zero up to 2^32 - 2.</summary>
    private static bool IsArrayIndex(string key) =>
        key.Length is > 0 and <= 10
        && key.All(char.IsAsciiDigit)
        && (key.Length == 1 || key[0] != '0')
        && ulong.Parse(key, CultureInfo.InvariantCulture) <= MaxArrayIndex;
}
