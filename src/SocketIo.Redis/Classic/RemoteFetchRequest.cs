using SocketIo.Adapters;

namespace SocketIo.Redis.Classic;

/// <summary>Every other node's matching sockets, described: <c>{"uid","requestId","type":5,"opts":{"rooms","except"}}</c>.</summary>
internal sealed record RemoteFetchRequest(string? Uid, string RequestId, BroadcastOptions Options) : ClassicRequest(Uid)
{
    /// <inheritdoc />
    public override ClassicRequestType Type => ClassicRequestType.RemoteFetch;
}
