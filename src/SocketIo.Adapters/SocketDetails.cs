using System.Text.Json;

namespace SocketIo.Adapters;

/// <summary>
/// A socket on another node as a fetch across nodes describes it (Node's <c>RemoteSocket</c> fields): enough to read
/// it and to act on it by id, wherever it lives.
/// </summary>
/// <param name="Id">The socket id.</param>
/// <param name="Handshake">The handshake as JSON: headers, time, address, xdomain, secure, issued, url, query, auth.</param>
/// <param name="Rooms">The rooms the socket is in, its own id included.</param>
/// <param name="Data">The application's per-socket data as JSON.</param>
public sealed record SocketDetails(string Id, JsonElement Handshake, IReadOnlyList<string> Rooms, JsonElement Data);
