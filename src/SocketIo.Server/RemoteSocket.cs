using System.Text.Json;
using SocketIo.Adapters;

namespace SocketIo.Server;

/// <summary>
/// A socket found by <see cref="BroadcastOperator.FetchSocketsAsync"/>, on this node or another: its details as
/// they were when fetched, and operations that reach it by id wherever it lives.
/// </summary>
public sealed class RemoteSocket
{
    private readonly BroadcastOperator _self;

    internal RemoteSocket(Namespace nsp, SocketDetails details)
    {
        Id = details.Id;
        Handshake = details.Handshake;
        Rooms = new HashSet<string>(details.Rooms, StringComparer.Ordinal);
        Data = details.Data;
        Local = nsp.Sockets.GetValueOrDefault(details.Id);
        _self = nsp.To(details.Id);
    }

    /// <summary>Gets the socket id.</summary>
    public string Id { get; }

    /// <summary>Gets the handshake as JSON (headers, query, auth, time, issued, url, address, xdomain, secure).</summary>
    public JsonElement Handshake { get; }

    /// <summary>Gets the rooms the socket was in, its own id included.</summary>
    public IReadOnlySet<string> Rooms { get; }

    /// <summary>Gets the socket's <see cref="Socket.Data"/> as JSON.</summary>
    public JsonElement Data { get; }

    /// <summary>Gets the socket itself when it lives on this node, else <see langword="null"/>.</summary>
    public Socket? Local { get; }

    /// <summary>Sends an event to this socket.</summary>
    public void Emit(string eventName, params object?[] args) => _self.Emit(eventName, args);

    /// <summary>Makes the socket join rooms.</summary>
    public void Join(params string[] rooms) => _self.SocketsJoin(rooms);

    /// <summary>Makes the socket leave rooms.</summary>
    public void Leave(params string[] rooms) => _self.SocketsLeave(rooms);

    /// <summary>Disconnects the socket; with <paramref name="close"/>, its whole connection.</summary>
    public void Disconnect(bool close = false) => _self.DisconnectSockets(close);
}
