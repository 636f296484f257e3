using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace SocketIo.Engine;

/// <summary>
/// The handshake request's headers, copied into one array. A session keeps them for its whole life and a handshake
/// has a dozen or so, so a hashed dictionary would cost two more objects and twice the bytes for lookups that a short
/// scan answers as fast. Names are compared ignoring case, as HTTP wants. The first change (an application may edit
/// what it was given) copies them into a <see cref="HeaderDictionary"/>, which answers from then on.
/// </summary>
internal sealed class HeaderSnapshot : IHeaderDictionary
{
    private readonly KeyValuePair<string, StringValues>[] _pairs;
    private HeaderDictionary? _edited;

    public HeaderSnapshot(IHeaderDictionary source)
    {
        // Through CopyTo: enumerating Kestrel's headers through the interface boxes an enumerator, which they then
        // cache, and so keep, for the connection's life.
        _pairs = new KeyValuePair<string, StringValues>[source.Count];
        source.CopyTo(_pairs, 0);
    }

    public StringValues this[string key]
    {
        get => TryGetValue(key, out var value) ? value : StringValues.Empty;
        set => Edited[key] = value;
    }

    StringValues IDictionary<string, StringValues>.this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The header '{key}' is not present.");
        set => Edited[key] = value;
    }

    public long? ContentLength
    {
        get
        {
            if (_edited is { } edited)
            {
                return edited.ContentLength;
            }

            // As HeaderDictionary reads it: one value, digits only once trimmed.
            var value = this[HeaderNames.ContentLength];
            return value.Count == 1 && HeaderUtilities.TryParseNonNegativeInt64(new StringSegment(value[0]).Trim(), out var length)
                ? length
                : null;
        }

        set => Edited.ContentLength = value;
    }

    public int Count => _edited?.Count ?? _pairs.Length;

    public bool IsReadOnly => false;

    public ICollection<string> Keys => _edited?.Keys ?? Array.ConvertAll(_pairs, static pair => pair.Key);

    public ICollection<StringValues> Values => _edited?.Values ?? Array.ConvertAll(_pairs, static pair => pair.Value);

    private HeaderDictionary Edited => _edited ??= Copy();

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out StringValues value)
    {
        if (_edited is { } edited)
        {
            return edited.TryGetValue(key, out value);
        }

        foreach (var pair in _pairs)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool Contains(KeyValuePair<string, StringValues> item)
        => TryGetValue(item.Key, out var value) && StringValues.Equals(value, item.Value);

    public void CopyTo(KeyValuePair<string, StringValues>[] array, int arrayIndex)
    {
        if (_edited is { } edited)
        {
            ((ICollection<KeyValuePair<string, StringValues>>)edited).CopyTo(array, arrayIndex);
            return;
        }

        _pairs.CopyTo(array, arrayIndex);
    }

    public void Add(string key, StringValues value) => Edited.Add(key, value);

    public void Add(KeyValuePair<string, StringValues> item) => Edited.Add(item);

    public bool Remove(string key) => Edited.Remove(key);

    public bool Remove(KeyValuePair<string, StringValues> item) => Edited.Remove(item);

    public void Clear() => Edited.Clear();

    public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator()
        => _edited is { } edited ? edited.GetEnumerator() : ((IEnumerable<KeyValuePair<string, StringValues>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private HeaderDictionary Copy()
    {
        var copy = new HeaderDictionary(_pairs.Length);
        foreach (var pair in _pairs)
        {
            copy[pair.Key] = pair.Value;
        }

        return copy;
    }
}
