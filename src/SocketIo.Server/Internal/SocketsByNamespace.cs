namespace SocketIo.Server.Internal;

/// <summary>
/// A client's connected sockets, by namespace name. Nearly every client joins one namespace, so the first socket sits
/// in a field and a dictionary is made only for the others: a held connection keeps no dictionary for its one socket.
/// Not thread-safe; the client guards it. A namespace is in the field or in the dictionary, never in both.
/// </summary>
internal struct SocketsByNamespace
{
    private Socket? _first;
    private Dictionary<string, Socket>? _others;

    public readonly int Count => (_first is null ? 0 : 1) + (_others?.Count ?? 0);

    public readonly Socket? Get(string nsp) =>
        _first is not null && _first.Namespace.Name == nsp ? _first : _others?.GetValueOrDefault(nsp);

    public readonly bool Contains(string nsp) => Get(nsp) is not null;

    /// <summary>Adds <paramref name="socket"/>, replacing the one its namespace had.</summary>
    public void Set(Socket socket)
    {
        var nsp = socket.Namespace.Name;
        if (_first is null || _first.Namespace.Name == nsp)
        {
            _others?.Remove(nsp);
            _first = socket;
            return;
        }

        (_others ??= new Dictionary<string, Socket>(StringComparer.Ordinal))[nsp] = socket;
    }

    /// <summary>Removes <paramref name="socket"/> if it is still its namespace's (a newer one may have replaced it).</summary>
    public void Remove(Socket socket)
    {
        if (ReferenceEquals(_first, socket))
        {
            _first = null;
        }
        else if (_others is not null && _others.TryGetValue(socket.Namespace.Name, out var current) && ReferenceEquals(current, socket))
        {
            _others.Remove(socket.Namespace.Name);
        }
    }

    public readonly Socket[] ToArray()
    {
        if (_others is null || _others.Count == 0)
        {
            return _first is null ? [] : [_first];
        }

        return _first is null ? [.. _others.Values] : [_first, .. _others.Values];
    }
}
