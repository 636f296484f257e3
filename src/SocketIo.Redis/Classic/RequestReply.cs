using SocketIo.Adapters;

namespace SocketIo.Redis.Classic;

/// <summary>
/// An answer without a type: <c>{"requestId","rooms"}</c> to all-rooms, <c>{"requestId","sockets":[details…]}</c> to a
/// fetch, and the legacy <c>{"requestId","sockets":[ids…]}</c> and <c>{"requestId"}</c>. As in Node, the pending
/// request's own type says which field to read; a missing one still counts as an answer.
/// </summary>
/// <param name="RequestId">The request answered.</param>
/// <param name="Rooms">The responder's local rooms, socket-id rooms included.</param>
/// <param name="Sockets">The responder's matching sockets.</param>
/// <param name="SocketIds">Legacy: the ids of the responder's sockets in the asked rooms.</param>
internal sealed record RequestReply(
    string RequestId,
    IReadOnlyList<string>? Rooms = null,
    IReadOnlyList<SocketDetails>? Sockets = null,
    IReadOnlyList<string>? SocketIds = null) : ClassicResponse(RequestId);
