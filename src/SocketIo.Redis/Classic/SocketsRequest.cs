namespace SocketIo.Redis.Classic;

/// <summary>Legacy (before 8.x): the ids of the sockets in rooms, <c>{"uid","requestId","type":0,"rooms"}</c>. Read, never sent.</summary>
internal sealed record SocketsRequest(string? Uid, string RequestId, IReadOnlyList<string> Rooms) : ClassicRequest(Uid)
{
    /// <inheritdoc />
    public override ClassicRequestType Type => ClassicRequestType.Sockets;
}
