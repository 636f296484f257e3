namespace SocketIo.Redis.Classic;

/// <summary>Every room of every node: <c>{"uid","requestId","type":1}</c>; each other node answers with its local rooms.</summary>
internal sealed record AllRoomsRequest(string? Uid, string RequestId) : ClassicRequest(Uid)
{
    /// <inheritdoc />
    public override ClassicRequestType Type => ClassicRequestType.AllRooms;
}
