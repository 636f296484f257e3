using SocketIo.Protocol.Packets;

namespace SocketIo.Redis.Classic;

/// <summary>
/// <c>{"type":6,"requestId","data"}</c> (JSON): one node's acknowledgement of a server-side emit, its first argument
/// only; <see cref="Argument"/> is <see langword="null"/> when there was none. Always sent on the shared channel.
/// </summary>
internal sealed record ServerSideEmitResponse(string RequestId, PayloadValue? Argument) : ClassicResponse(RequestId);
