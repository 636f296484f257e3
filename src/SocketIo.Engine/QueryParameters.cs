using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace SocketIo.Engine;

/// <summary>
/// Reads Engine.IO's own parameters (<c>EIO</c>, <c>transport</c>, <c>sid</c>…) straight from a request's raw query
/// string. Reading <see cref="HttpRequest.Query"/> parses every parameter into a collection that the request keeps,
/// and a WebSocket's handshake request lasts as long as the connection (~400 bytes each). Values read here match what
/// that collection gives: names compared case-insensitively after decoding, values decoded, repeated values joined
/// with commas.
/// </summary>
internal static class QueryParameters
{
    /// <summary>Finds the value of <paramref name="name"/> in <paramref name="query"/> (with or without its <c>?</c>).</summary>
    /// <returns><see langword="false"/> when the parameter is absent; <paramref name="value"/> is then empty.</returns>
    public static bool TryGet(string? query, string name, out ReadOnlySpan<char> value)
    {
        ReadOnlyMemory<char> first = default;
        List<string>? more = null;
        var found = false;
        foreach (var pair in new QueryStringEnumerable(query))
        {
            if (!NameIs(pair, name))
            {
                continue;
            }

            var encoded = pair.EncodedValue;
            var decoded = NeedsDecoding(encoded.Span) ? pair.DecodeValue() : encoded;
            if (!found)
            {
                first = decoded;
                found = true;
            }
            else
            {
                // Repeated: rare, so the joined value may allocate.
                (more ??= [first.ToString()]).Add(decoded.ToString());
            }
        }

        value = more is null ? first.Span : string.Join(',', more);
        return found;
    }

    /// <summary>Whether <paramref name="name"/> is present with a non-empty value (what <c>!string.IsNullOrEmpty(query[name])</c> tests).</summary>
    public static bool HasValue(string? query, string name) => TryGet(query, name, out var value) && !value.IsEmpty;

    /// <summary>The whole query parsed into a collection, for code that reads arbitrary parameters.</summary>
    public static IQueryCollection Parse(string? query) =>
        string.IsNullOrEmpty(query) ? QueryCollection.Empty : new QueryCollection(QueryHelpers.ParseQuery(query));

    private static bool NameIs(QueryStringEnumerable.EncodedNameValuePair pair, string name)
    {
        var encoded = pair.EncodedName.Span;
        return NeedsDecoding(encoded)
            ? pair.DecodeName().Span.Equals(name, StringComparison.OrdinalIgnoreCase)
            : encoded.Equals(name, StringComparison.OrdinalIgnoreCase);
    }

    private static bool NeedsDecoding(ReadOnlySpan<char> text) => text.IndexOfAny('%', '+') >= 0;
}
