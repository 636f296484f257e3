namespace SocketIo.Redis.Classic;

/// <summary>
/// <c>{"type":8,"requestId","clientCount"}</c> (JSON): how many sockets one node sent an acknowledged broadcast to.
/// Sent once per node and request, 0 included.
/// </summary>
internal sealed record BroadcastClientCountResponse(string RequestId, long ClientCount) : ClassicResponse(RequestId);
