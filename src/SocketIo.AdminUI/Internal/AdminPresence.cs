namespace SocketIo.AdminUI.Internal;

/// <summary>
/// Whether anybody may be watching: an admin socket connected to this node, or a cluster adapter, whose other nodes'
/// admins receive this node's notifications. While nobody watches, the instrumentation only checks this and returns.
/// </summary>
internal sealed class AdminPresence(bool clustered)
{
    private int _localAdmins;
    private volatile bool _stopped;

    /// <summary>Gets a value indicating whether the admin namespace has a cluster adapter.</summary>
    public bool Clustered { get; } = clustered;

    /// <summary>Gets a value indicating whether notifications and counts are worth making now.</summary>
    public bool Active => !_stopped && (Clustered || Volatile.Read(ref _localAdmins) > 0);

    public void AdminConnected() => Interlocked.Increment(ref _localAdmins);

    public void AdminDisconnected() => Interlocked.Decrement(ref _localAdmins);

    /// <summary>The host stops: nothing is sent any more.</summary>
    public void Stop() => _stopped = true;
}
