using SocketIo.Protocol.Engine;

namespace SocketIo.Server.Internal;

/// <summary>
/// How a CONNECT ended: the connected socket, or the CONNECT_ERROR to send (sent by the client once it stopped
/// holding the namespace's packets, so a retry the refusal prompts is never taken for a second CONNECT), or neither
/// (middleware that never called <c>next()</c>, or a connection closed meanwhile). Without a socket,
/// <see cref="ErrorType"/> says why for the metrics (<see cref="Diagnostics.ConnectErrors"/>; connection closed when unset).
/// </summary>
internal readonly record struct ConnectOutcome(Socket? Socket, EngineFrame[]? Refusal, string? ErrorType = null);
