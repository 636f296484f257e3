using SocketIo.Protocol.Packets;

namespace SocketIo.Redis.Classic;

/// <summary>
/// <c>{type:9, requestId, packet}</c> (MessagePack): one client's acknowledgement of a broadcast, its first argument
/// only; <see cref="Argument"/> is <see langword="null"/> when the client gave none.
/// </summary>
internal sealed record BroadcastAckResponse(string RequestId, PayloadValue? Argument) : ClassicResponse(RequestId);
