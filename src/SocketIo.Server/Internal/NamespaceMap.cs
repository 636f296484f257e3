namespace SocketIo.Server.Internal;

/// <summary>
/// A client's values by namespace name (its sockets, its CONNECTs in progress). Nearly every client uses one namespace,
/// so the first value sits in fields and a dictionary is made only for the others: a client with one namespace keeps,
/// and each handshake allocates, no dictionary. Not thread-safe; the client guards it. A name is in the fields or in the
/// dictionary, never in both. A value type: keep it in a field, never copy it.
/// </summary>
internal struct NamespaceMap<T>
    where T : class
{
    private string? _firstName;
    private T? _first;
    private Dictionary<string, T>? _others;

    public readonly int Count => (_first is null ? 0 : 1) + (_others?.Count ?? 0);

    public readonly bool TryGetValue(string nsp, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value)
    {
        if (_first is not null && _firstName == nsp)
        {
            value = _first;
            return true;
        }

        value = null;
        return _others?.TryGetValue(nsp, out value) == true;
    }

    public readonly bool ContainsKey(string nsp) => TryGetValue(nsp, out _);

    /// <summary>Sets the value of <paramref name="nsp"/>, replacing the one it had.</summary>
    public void Set(string nsp, T value)
    {
        if (_first is null || _firstName == nsp)
        {
            _others?.Remove(nsp);
            (_firstName, _first) = (nsp, value);
            return;
        }

        (_others ??= new Dictionary<string, T>(StringComparer.Ordinal))[nsp] = value;
    }

    /// <summary>Removes the value of <paramref name="nsp"/> if it is <paramref name="value"/> (a newer one may have replaced it).</summary>
    public void Remove(string nsp, T value)
    {
        if (ReferenceEquals(_first, value) && _firstName == nsp)
        {
            (_firstName, _first) = (null, null);
        }
        else if (_others is not null && _others.TryGetValue(nsp, out var current) && ReferenceEquals(current, value))
        {
            _others.Remove(nsp);
        }
    }

    public readonly T[] ValuesToArray()
    {
        if (_others is null || _others.Count == 0)
        {
            return _first is null ? [] : [_first];
        }

        return _first is null ? [.. _others.Values] : [_first, .. _others.Values];
    }
}
