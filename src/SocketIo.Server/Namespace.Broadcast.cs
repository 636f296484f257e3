namespace SocketIo.Server;

public partial class Namespace
{
    /// <summary>
    /// Sends an event to every socket of the namespace (on every node with a scale-out adapter). The packet is encoded
    /// once for all of them. See <see cref="BroadcastOperator.EmitAsync"/>.
    /// </summary>
    public Task EmitAsync(string eventName, params object?[] args) => new BroadcastOperator(this).EmitAsync(eventName, args);

    /// <summary>Selects the sockets in <paramref name="room"/>; see <see cref="BroadcastOperator"/>.</summary>
    public BroadcastOperator To(string room) => new BroadcastOperator(this).To(room);

    /// <summary>Selects the sockets in any of <paramref name="rooms"/>.</summary>
    public BroadcastOperator To(IEnumerable<string> rooms) => new BroadcastOperator(this).To(rooms);

    /// <summary>The same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => To(room);

    /// <summary>Selects every socket except those in <paramref name="room"/>.</summary>
    public BroadcastOperator Except(string room) => new BroadcastOperator(this).Except(room);

    /// <summary>Gets an operator on every socket whose events may be dropped for clients that cannot take them now.</summary>
    public BroadcastOperator Volatile => new BroadcastOperator(this).Volatile;

    /// <summary>Gets an operator on every socket of this node only.</summary>
    public BroadcastOperator Local => new BroadcastOperator(this).Local;

    /// <summary>Returns an operator on every socket whose acknowledgements wait at most <paramref name="timeout"/>.</summary>
    public BroadcastOperator Timeout(TimeSpan timeout) => new BroadcastOperator(this).Timeout(timeout);

    /// <summary>Describes every socket of the namespace (on every node with a scale-out adapter).</summary>
    public Task<IReadOnlyList<RemoteSocket>> FetchSocketsAsync(CancellationToken cancellationToken = default)
        => new BroadcastOperator(this).FetchSocketsAsync(cancellationToken);

    /// <summary>Makes every socket join rooms (on every node).</summary>
    public Task SocketsJoinAsync(params string[] rooms) => new BroadcastOperator(this).SocketsJoinAsync(rooms);

    /// <summary>Makes every socket leave rooms (on every node).</summary>
    public Task SocketsLeaveAsync(params string[] rooms) => new BroadcastOperator(this).SocketsLeaveAsync(rooms);

    /// <summary>Disconnects every socket (on every node); with <paramref name="close"/>, their connections too.</summary>
    public Task DisconnectSocketsAsync(bool close = false) => new BroadcastOperator(this).DisconnectSocketsAsync(close);

    /// <summary>
    /// Gets every room that has a socket, on every node with a scale-out adapter (Node's <c>adapter.allRooms()</c>),
    /// the rooms named after socket ids included. <see cref="Adapters.Adapter.Rooms"/> has this node's only.
    /// </summary>
    public async Task<IReadOnlySet<string>> AllRoomsAsync(CancellationToken cancellationToken = default)
    {
        var rooms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in BroadcastTargets)
        {
            await WhenReady(target).ConfigureAwait(false);
            rooms.UnionWith(await target.Adapter.AllRoomsAsync(cancellationToken).ConfigureAwait(false));
        }

        return rooms;
    }
}
