namespace SocketIo.Adapters;

/// <summary>
/// What connection state recovery keeps of a socket whose connection dropped (Node's persisted session): enough to
/// give a client that comes back the same socket. An adapter that keeps sessions outside the process serializes
/// <see cref="Data"/> itself (as JSON, say); the server accepts whatever values a restore gives back.
/// </summary>
/// <param name="SocketId">The socket id the client gets back.</param>
/// <param name="PrivateId">The private session id the client was given in its CONNECT reply (<c>pid</c>) and sends to recover.</param>
/// <param name="Rooms">The rooms the socket was in, its own id included.</param>
/// <param name="Data">The application's per-socket data (<c>Socket.Data</c>) as it was when the connection dropped.</param>
public sealed record ConnectionSession(string SocketId, string PrivateId, IReadOnlyList<string> Rooms, IReadOnlyDictionary<string, object?> Data);
