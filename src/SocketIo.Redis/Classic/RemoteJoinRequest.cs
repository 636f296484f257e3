using SocketIo.Adapters;

namespace SocketIo.Redis.Classic;

/// <summary>
/// The matching sockets join rooms: <c>{"uid","type":2,"opts":{"rooms","except"},"rooms"}</c> (the emitter sends no
/// uid). Every node applies it, the sender included: a Node sender applies it when its own copy comes back.
/// </summary>
internal sealed record RemoteJoinRequest(string? Uid, BroadcastOptions Options, IReadOnlyList<string> Rooms) : ClassicRequest(Uid)
{
    /// <inheritdoc />
    public override ClassicRequestType Type => ClassicRequestType.RemoteJoin;
}
