using System.Text.Json;
using SocketIo.Server.Internal;

namespace SocketIo.Server;

public partial class Namespace
{
    /// <summary>Sends an event to every socket of the namespace. The packet is encoded once for all of them.</summary>
    public void Emit(string eventName, params object?[] args) => new BroadcastOperator(this).Emit(eventName, args);

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

    /// <summary>Makes every socket join rooms.</summary>
    public void SocketsJoin(params string[] rooms) => new BroadcastOperator(this).SocketsJoin(rooms);

    /// <summary>Makes every socket leave rooms.</summary>
    public void SocketsLeave(params string[] rooms) => new BroadcastOperator(this).SocketsLeave(rooms);

    /// <summary>Disconnects every socket; with <paramref name="close"/>, their connections too.</summary>
    public void DisconnectSockets(bool close = false) => new BroadcastOperator(this).DisconnectSockets(close);

    /// <summary>
    /// Sends an event to this namespace's server-side listeners on the other nodes of a cluster. With the in-memory
    /// adapter there are no other nodes, so it reaches nobody.
    /// </summary>
    public void ServerSideEmit(string eventName, params object?[] args)
    {
        ReservedEvents.ThrowIfReserved(eventName);
        Adapter.ServerSideEmit(OutboundPacket.Payload(eventName, args));
    }

    /// <summary>
    /// Sends an event to the other nodes' server-side listeners and collects one answer per node; with the in-memory
    /// adapter it completes at once with none.
    /// </summary>
    public Task<IReadOnlyList<JsonElement>> ServerSideEmitWithAckAsync(string eventName, TimeSpan timeout, params object?[] args)
    {
        ReservedEvents.ThrowIfReserved(eventName);
        return Adapter.ServerSideEmitWithAckAsync(OutboundPacket.Payload(eventName, args), timeout);
    }
}
