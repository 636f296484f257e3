namespace SocketIo.Server;

/// <summary>
/// Sends to a selection of a namespace's sockets and acts on them, for code that holds no socket (controllers,
/// background services); implemented by <see cref="BroadcastOperator"/>, and so by every namespace (the whole of it).
/// Every modifier returns a new selection; an application's tests can replace it with a fake.
/// </summary>
#pragma warning disable CA1716 // To, In and Of are Socket.IO's names (io.to, io.in, io.of), as on the classes.
public interface ISocketIoBroadcaster
{
    /// <summary>Targets the sockets in <paramref name="room"/> too (a socket id targets that socket).</summary>
    ISocketIoBroadcaster To(string room);

    /// <summary>Targets the sockets in any of <paramref name="rooms"/> too.</summary>
    ISocketIoBroadcaster To(IEnumerable<string> rooms);

    /// <summary>The same as <see cref="To(string)"/>.</summary>
    ISocketIoBroadcaster In(string room);

    /// <summary>Leaves out the sockets in <paramref name="room"/>.</summary>
    ISocketIoBroadcaster Except(string room);

    /// <summary>Gets a selection whose events are dropped for clients that cannot take them right now.</summary>
    ISocketIoBroadcaster Volatile { get; }

    /// <summary>Gets a selection that acts on this node only, even with a scale-out adapter.</summary>
    ISocketIoBroadcaster Local { get; }

    /// <summary>Returns a selection whose events are sent without per-message compression when <paramref name="compress"/> is false.</summary>
    ISocketIoBroadcaster Compress(bool compress);

    /// <summary>Returns a selection whose acknowledgements wait at most <paramref name="timeout"/>.</summary>
    ISocketIoBroadcaster Timeout(TimeSpan timeout);

    /// <summary>Sends an event to the selected sockets, on every node; see <see cref="BroadcastOperator.EmitAsync"/>.</summary>
    Task EmitAsync(string eventName, params object?[] args);

    /// <summary>
    /// Sends an event and collects one answer per selected socket; needs <see cref="Timeout"/>. See
    /// <see cref="BroadcastOperator.EmitWithAckAsync(string, object?[], CancellationToken)"/>.
    /// </summary>
    Task<IReadOnlyList<SocketIoArguments>> EmitWithAckAsync(string eventName, object?[] args, CancellationToken cancellationToken);

    /// <summary>Describes the selected sockets, on every node.</summary>
    Task<IReadOnlyList<RemoteSocket>> FetchSocketsAsync(CancellationToken cancellationToken = default);

    /// <summary>Makes the selected sockets join rooms, on every node.</summary>
    Task SocketsJoinAsync(params string[] rooms);

    /// <summary>Makes the selected sockets leave rooms, on every node.</summary>
    Task SocketsLeaveAsync(params string[] rooms);

    /// <summary>Disconnects the selected sockets, on every node; with <paramref name="close"/>, their connections too.</summary>
    Task DisconnectSocketsAsync(bool close = false);
}
#pragma warning restore CA1716
