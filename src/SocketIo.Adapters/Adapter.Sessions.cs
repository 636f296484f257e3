namespace SocketIo.Adapters;

/// <summary>
/// Connection state recovery's seam (Node's <c>persistSession</c> and <c>restoreSession</c>). An adapter that keeps
/// sessions (<see cref="SupportsConnectionStateRecovery"/>) also appends an offset to every event it stores, as the
/// event's last argument, in <see cref="BroadcastAsync"/>: the client sends the last offset it saw when it comes back.
/// This base keeps nothing: with it the server still gives clients a private id, and never recovers them.
/// </summary>
public abstract partial class Adapter
{
    /// <summary>
    /// Gets a value indicating whether this adapter keeps sessions and events for connection state recovery. When it
    /// does, the server sends a socket's own events (not volatile, not asking for an acknowledgement) through
    /// <see cref="BroadcastAsync"/> to the socket's id, so they are stored and carry an offset too, as Node does. The
    /// base and the Redis adapters keep nothing; the in-memory adapter does when recovery is on.
    /// </summary>
    public virtual bool SupportsConnectionStateRecovery => false;

    /// <summary>
    /// Keeps the session of a socket whose connection dropped, for <see cref="IAdapterHost.ConnectionStateRecovery"/>'s
    /// window. The server calls it once per such socket, as the socket stops receiving (its rooms still joined).
    /// </summary>
    public virtual ValueTask PersistSessionAsync(ConnectionSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Takes back the session of <paramref name="privateId"/> if the client can recover it: persisted by this
    /// namespace's adapter, within the window, and every event stored after <paramref name="offset"/> still kept
    /// (<paramref name="offset"/> itself must be one this adapter gave). Returns <see langword="null"/> otherwise; the
    /// client then gets a new socket. A session is taken at most once, whatever the outcome, so a stolen or replayed
    /// private id cannot restore it twice. Never throws for client input.
    /// </summary>
    public virtual ValueTask<ConnectionSession?> RestoreSessionAsync(string privateId, string offset, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<ConnectionSession?>(null);

    /// <summary>
    /// Puts a restored socket back in its rooms and sends it, in order, every stored event after
    /// <paramref name="offset"/> addressed to those rooms, with no broadcast lost or sent twice in between: an event is
    /// either among those sent here or delivered to the socket as usual afterwards. The server calls it once the
    /// socket is reachable through <see cref="IAdapterHost.Send"/>, before its CONNECT reply (the client holds events
    /// until then). Returns <see langword="false"/> when events after the offset were dropped since the restore (the
    /// server then closes the connection, and the client reconnects to a new socket). This base joins the rooms only.
    /// </summary>
    public virtual ValueTask<bool> ResumeSessionAsync(ConnectionSession session, string offset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        AddAll(session.SocketId, session.Rooms);
        return ValueTask.FromResult(true);
    }

    /// <summary>
    /// Whether a stored event addressed by <paramref name="options"/> is one a socket in <paramref name="rooms"/>
    /// would have received: it targets the whole namespace or one of those rooms, and none of those rooms is excluded.
    /// </summary>
    protected static bool IsAddressedTo(IReadOnlyCollection<string> rooms, BroadcastOptions options)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        ArgumentNullException.ThrowIfNull(options);
        var included = options.Rooms.IsEmpty;
        foreach (var room in rooms)
        {
            if (options.Except.Contains(room))
            {
                return false;
            }

            included |= options.Rooms.Contains(room);
        }

        return included;
    }
}
