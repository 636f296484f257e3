using SocketIo.Protocol.Packets;

namespace SocketIo.Redis.Classic;

/// <summary>
/// An event for the other nodes' server-side listeners: <c>{"uid","type":6,"data":[name,…args]}</c>, with
/// <c>"requestId"</c> after the uid when the sender wants one acknowledgement per node. JSON, so binary arguments
/// travel as Node's Buffer JSON.
/// </summary>
/// <param name="Uid">The sender's uid (<c>emitter</c> from the emitter); nodes skip their own.</param>
/// <param name="Data">The event name and arguments.</param>
/// <param name="RequestId">Set when the sender collects acknowledgements.</param>
internal sealed record ServerSideEmitRequest(string? Uid, PacketPayload Data, string? RequestId = null) : ClassicRequest(Uid)
{
    /// <inheritdoc />
    public override ClassicRequestType Type => ClassicRequestType.ServerSideEmit;
}
