namespace SocketIo.Server.Internal.Binding;

/// <summary>
/// A socket's event handlers by event name. Immutable: a change builds a new table, which the socket swaps in with a
/// compare-and-exchange, so an event reads its handlers without a lock. Every socket holds one for its whole life and
/// builds it while it connects, and a socket handles a handful of events, so the table is a single array searched in
/// order: less to allocate, hold and search than a hashed map of that size.
/// </summary>
internal sealed class EventHandlerTable
{
    public static readonly EventHandlerTable Empty = new([]);

    private readonly Entry[] _entries;

    private EventHandlerTable(Entry[] entries) => _entries = entries;

    /// <summary>Finds the handlers of an event, in the order they were added.</summary>
    public bool TryGetValue(string eventName, out HandlerList handlers)
    {
        var index = IndexOf(eventName);
        handlers = index < 0 ? default : _entries[index].Handlers;
        return index >= 0;
    }

    public bool ContainsKey(string eventName) => IndexOf(eventName) >= 0;

    /// <summary>This table with <paramref name="handler"/> added after the event's other handlers.</summary>
    public EventHandlerTable Add(string eventName, BoundHandler handler)
    {
        var index = IndexOf(eventName);
        return index >= 0 ? With(index, _entries[index].Handlers.Add(handler)) : Append(new Entry(eventName, [handler]));
    }

    /// <summary>This table with the event's handlers replaced by <paramref name="handlers"/>; without the event when empty.</summary>
    public EventHandlerTable SetItem(string eventName, HandlerList handlers)
    {
        var index = IndexOf(eventName);
        if (handlers.IsEmpty)
        {
            return index < 0 ? this : Without(index);
        }

        return index >= 0 ? With(index, handlers) : Append(new Entry(eventName, handlers));
    }

    /// <summary>This table without the event (itself when it has no handler for it).</summary>
    public EventHandlerTable Remove(string eventName) => SetItem(eventName, []);

    private int IndexOf(string eventName)
    {
        var entries = _entries;
        for (var i = 0; i < entries.Length; i++)
        {
            if (string.Equals(entries[i].EventName, eventName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private EventHandlerTable Append(Entry entry)
    {
        var entries = new Entry[_entries.Length + 1];
        _entries.CopyTo(entries, 0);
        entries[^1] = entry;
        return new EventHandlerTable(entries);
    }

    private EventHandlerTable With(int index, HandlerList handlers)
    {
        var entries = (Entry[])_entries.Clone();
        entries[index] = new Entry(entries[index].EventName, handlers);
        return new EventHandlerTable(entries);
    }

    private EventHandlerTable Without(int index)
    {
        if (_entries.Length == 1)
        {
            return Empty;
        }

        var entries = new Entry[_entries.Length - 1];
        _entries.AsSpan(0, index).CopyTo(entries);
        _entries.AsSpan(index + 1).CopyTo(entries.AsSpan(index));
        return new EventHandlerTable(entries);
    }

    private readonly record struct Entry(string EventName, HandlerList Handlers);
}
