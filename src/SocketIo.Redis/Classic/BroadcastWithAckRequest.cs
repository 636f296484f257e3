using SocketIo.Adapters;
using SocketIo.Adapters.Wire;

namespace SocketIo.Redis.Classic;

/// <summary>
/// A broadcast that collects acknowledgements: MessagePack <c>{uid, requestId, type:7, packet, opts}</c>, with
/// <c>opts.flags.timeout</c>. Each other node answers once with its client count (0 included) and then once per client
/// acknowledgement; receivers apply only the rooms and exceptions, not the flags.
/// </summary>
internal sealed record BroadcastWithAckRequest(string? Uid, string RequestId, BroadcastPacket Packet, BroadcastOptions Options) : ClassicRequest(Uid)
{
    /// <inheritdoc />
    public override ClassicRequestType Type => ClassicRequestType.Broadcast;
}
