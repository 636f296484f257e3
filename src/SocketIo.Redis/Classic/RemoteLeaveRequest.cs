using SocketIo.Adapters;

namespace SocketIo.Redis.Classic;

/// <summary>
/// The matching sockets leave rooms: <c>{"uid","type":3,"opts":{"rooms","except"},"rooms"}</c> (the emitter sends no
/// uid). Every node applies it, the sender included.
/// </summary>
internal sealed record RemoteLeaveRequest(string? Uid, BroadcastOptions Options, IReadOnlyList<string> Rooms) : ClassicRequest(Uid)
{
    /// <inheritdoc />
    public override ClassicRequestType Type => ClassicRequestType.RemoteLeave;
}
