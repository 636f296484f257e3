using SocketIo.Adapters;
using SocketIo.Adapters.Wire;

namespace SocketIo.Redis.Classic;

/// <summary>A plain broadcast (no acknowledgements) on a broadcast channel: the MessagePack array <c>[uid, packet, opts]</c>.</summary>
/// <param name="Uid">The sender's uid: a node's, or <c>emitter</c>; <see langword="null"/> when not a string.</param>
/// <param name="Packet">The packet object; its namespace reads as <c>/</c> when missing.</param>
/// <param name="Options">Who receives it; its flags are honoured.</param>
internal sealed record ClassicBroadcast(string? Uid, BroadcastPacket Packet, BroadcastOptions Options);
