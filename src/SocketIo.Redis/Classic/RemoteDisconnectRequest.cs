using SocketIo.Adapters;

namespace SocketIo.Redis.Classic;

/// <summary>
/// The matching sockets are disconnected: <c>{"uid","type":4,"opts":{"rooms","except"},"close"}</c> (the emitter sends
/// no uid). Every node applies it, the sender included.
/// </summary>
internal sealed record RemoteDisconnectRequest(string? Uid, BroadcastOptions Options, bool Close) : ClassicRequest(Uid)
{
    /// <inheritdoc />
    public override ClassicRequestType Type => ClassicRequestType.RemoteDisconnect;
}
