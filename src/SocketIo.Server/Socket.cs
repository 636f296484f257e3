using System.Collections.Concurrent;
using System.Security.Claims;
using SocketIo.Engine;

namespace SocketIo.Server;

/// <summary>
/// One client's membership of one namespace: what a connection handler receives. It receives the client's events,
/// emits to it, and tells when it disconnects. Thread-safe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The disconnect token source is cancelled, never disposed: handlers may read the token after the socket is gone, and it owns no timer.")]
public sealed partial class Socket
{
    private readonly Client _client;
    private int _state; // 0 connecting, 1 connected, 2 disconnected

    internal Socket(Namespace nsp, Client client, SocketHandshake handshake, string id, string? privateId = null)
    {
        Namespace = nsp;
        _client = client;
        Handshake = handshake;
        Id = id;
        PrivateId = privateId;
    }

    /// <summary>
    /// Gets the socket id, the same value the client sees as <c>socket.id</c>: 20 unguessable characters; for a 2.x
    /// client (Engine.IO v3), the connection's Engine.IO session id on <c>/</c> and <c>&lt;namespace&gt;#&lt;session id&gt;</c>
    /// elsewhere, as that client computes it.
    /// </summary>
    public string Id { get; }

    /// <summary>Gets the namespace the socket belongs to (the concrete child for a dynamic namespace).</summary>
    public Namespace Namespace { get; }

    /// <summary>Gets the handshake details.</summary>
    public SocketHandshake Handshake { get; }

    /// <summary>Gets the user ASP.NET Core authentication established on the handshake request.</summary>
    public ClaimsPrincipal User => Handshake.User;

    /// <summary>Gets the application's own per-socket state (Node's <c>socket.data</c> and custom attributes).</summary>
    public IDictionary<string, object?> Data => LazyInitializer.EnsureInitialized(ref _data, static () => new ConcurrentDictionary<string, object?>(StringComparer.Ordinal));

    /// <summary>Backs <see cref="Data"/>; created on first use, since many sockets never keep state of their own.</summary>
    private ConcurrentDictionary<string, object?>? _data;

    /// <summary>
    /// Returns <see cref="Data"/> as a JSON object, as other nodes and <see cref="RemoteSocket.Data"/> see it: each entry
    /// serialized with System.Text.Json on its own; an entry that cannot be serialized is left out and logged.
    /// </summary>
    public System.Text.Json.JsonElement DataToJson() => Internal.SocketDescription.Data(this, Namespace.Server.Logger);

    /// <summary>Gets <see cref="Data"/> without creating it: <see langword="null"/> while nothing was stored.</summary>
    internal IReadOnlyDictionary<string, object?>? DataIfCreated => System.Threading.Volatile.Read(ref _data);

    /// <summary>Gets a value indicating whether the socket is connected.</summary>
    public bool Connected => System.Threading.Volatile.Read(ref _state) == 1;

    /// <summary>
    /// Gets the id of the underlying Engine.IO connection (Node's <c>socket.conn.id</c>): the same for this client's
    /// sockets in every namespace, and never sent to other clients by the server.
    /// </summary>
    public string ConnectionId => _client.Connection.Id;

    /// <summary>
    /// Gets the underlying Engine.IO connection (Node's <c>socket.conn</c>), shared by this client's sockets in every
    /// namespace: its transport, the upgrade to WebSocket, and closing it.
    /// </summary>
    public SocketConnection Conn => _client.Conn;

    /// <summary>Gets the current transport of the underlying connection: <c>polling</c> or <c>websocket</c>.</summary>
    public string Transport => _client.Connection.Transport;

    /// <summary>
    /// Gets a snapshot of the rooms the socket is in. While connected it is always in the room named by its own id;
    /// it leaves every room after the <c>disconnecting</c> listeners ran.
    /// </summary>
    public IReadOnlySet<string> Rooms => Namespace.Adapter.SocketRooms(Id);

    /// <summary>Joins a room (private to this namespace). A disconnected socket joins nothing.</summary>
    public void Join(string room) => Join([room]);

    /// <summary>Joins several rooms. A disconnected socket joins nothing.</summary>
    public void Join(IEnumerable<string> rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        if (System.Threading.Volatile.Read(ref _state) == 2)
        {
            return;
        }

        IReadOnlyCollection<string> joined = [.. rooms];
        Namespace.Adapter.AddAll(Id, joined);
        if (System.Threading.Volatile.Read(ref _state) == 2)
        {
            // The close raced this join and may already have left every room: undo, or the rooms outlive the socket.
            foreach (var room in joined)
            {
                Namespace.Adapter.Del(Id, room);
            }
        }
    }

    /// <summary>Leaves a room.</summary>
    public void Leave(string room) => Namespace.Adapter.Del(Id, room);

    /// <summary>Selects the other sockets in <paramref name="room"/> (everyone there except this socket).</summary>
    public BroadcastOperator To(string room) => Broadcast.To(room);

    /// <summary>Selects the other sockets in any of <paramref name="rooms"/>.</summary>
    public BroadcastOperator To(IEnumerable<string> rooms) => Broadcast.To(rooms);

    /// <summary>The same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => To(room);

    /// <summary>Selects every other socket of the namespace except those in <paramref name="room"/>.</summary>
    public BroadcastOperator Except(string room) => Broadcast.Except(room);

    /// <summary>Gets an operator on every other socket of the namespace (everyone but this socket).</summary>
    public BroadcastOperator Broadcast => new(Namespace, except: [Id]);

    internal Client Client => _client;

    internal IEngineIoConnection Connection => _client.Connection;

    internal void MarkConnected() => Interlocked.CompareExchange(ref _state, 1, 0);

    /// <summary>Moves to disconnected; true for the one caller that made the transition.</summary>
    private bool TryMarkDisconnected() => Interlocked.Exchange(ref _state, 2) == 1;

    /// <summary>Like <see cref="TryMarkDisconnected"/>, but a socket still connecting is left as it is.</summary>
    private bool TryMarkDisconnectedIfConnected() => Interlocked.CompareExchange(ref _state, 2, 1) == 1;

    /// <inheritdoc />
    public override string ToString() => $"{Namespace.Name}#{Id}";
}
