using System.Text.Json;
using SocketIo.Adapters;
using SocketIo.Server.Internal;

namespace SocketIo.Server;

/// <summary>
/// A socket found by <see cref="BroadcastOperator.FetchSocketsAsync"/>, on this node or another: its details as they
/// were when fetched, and operations that reach it wherever it lives. A socket of this node is read directly
/// (<see cref="Local"/>); its <see cref="Handshake"/> and <see cref="Data"/> JSON is written only when first read.
/// </summary>
public sealed class RemoteSocket
{
    private readonly Namespace _nsp;
    /// <summary>A remote socket's handshake as described; a local socket's is written on first read.</summary>
    private readonly JsonElement _remoteHandshake;
    private readonly Lazy<JsonElement>? _localHandshake;

    /// <summary>A remote socket's data as described; a local socket's is written on first read.</summary>
    private readonly JsonElement _remoteData;
    private readonly Lazy<JsonElement>? _localData;

    /// <summary>A socket of another node, as that node described it.</summary>
    internal RemoteSocket(Namespace nsp, SocketDetails details)
    {
        _nsp = nsp;
        Id = details.Id;
        Rooms = new HashSet<string>(details.Rooms, StringComparer.Ordinal);
        _remoteHandshake = details.Handshake;
        _remoteData = details.Data;
    }

    /// <summary>A socket of this node: nothing is serialized until its JSON is read.</summary>
    internal RemoteSocket(Namespace nsp, Socket local, IReadOnlySet<string> rooms)
    {
        _nsp = nsp;
        Id = local.Id;
        Rooms = rooms;
        Local = local;
        _localHandshake = new Lazy<JsonElement>(() => SocketDescription.Handshake(local.Handshake));
        _localData = new Lazy<JsonElement>(() => SocketDescription.Data(local, nsp.Server.Logger));
    }

    /// <summary>Gets the socket id.</summary>
    public string Id { get; }

    /// <summary>Gets the handshake as JSON (headers, query, auth, time, issued, url, address, xdomain, secure).</summary>
    public JsonElement Handshake => _localHandshake?.Value ?? _remoteHandshake;

    /// <summary>Gets the rooms the socket was in when fetched, its own id included.</summary>
    public IReadOnlySet<string> Rooms { get; }

    /// <summary>
    /// Gets the socket's <see cref="Socket.Data"/> as JSON (for a local socket, as it is when first read; an entry that
    /// cannot be serialized is left out and logged). <see cref="Local"/> gives a local socket's live values.
    /// </summary>
    public JsonElement Data => _localData?.Value ?? _remoteData;

    /// <summary>Gets the socket itself when it lives on this node, else <see langword="null"/>.</summary>
    public Socket? Local { get; }

    /// <summary>Sends an event to this socket. Awaiting is optional, as for <see cref="BroadcastOperator.EmitAsync"/>.</summary>
    public Task EmitAsync(string eventName, params object?[] args)
    {
        if (Local is not null)
        {
            Local.Emit(eventName, args);
            return Task.CompletedTask;
        }

        return Self.EmitAsync(eventName, args);
    }

    /// <summary>Makes the socket join rooms.</summary>
    public Task JoinAsync(params string[] rooms)
    {
        if (Local is not null)
        {
            Local.Join(rooms);
            return Task.CompletedTask;
        }

        return Self.SocketsJoinAsync(rooms);
    }

    /// <summary>Makes the socket leave rooms.</summary>
    public Task LeaveAsync(params string[] rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        if (Local is not null)
        {
            foreach (var room in rooms)
            {
                Local.Leave(room);
            }

            return Task.CompletedTask;
        }

        return Self.SocketsLeaveAsync(rooms);
    }

    /// <summary>Disconnects the socket; with <paramref name="close"/>, its whole connection.</summary>
    public Task DisconnectAsync(bool close = false)
    {
        if (Local is not null)
        {
            Local.Disconnect(close);
            return Task.CompletedTask;
        }

        return Self.DisconnectSocketsAsync(close);
    }

    /// <summary>The socket wherever it lives: the room named after its id.</summary>
    private BroadcastOperator Self => _nsp.To(Id);
}
