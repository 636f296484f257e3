using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Wire;

/// <summary>
/// The Socket.IO packet object a broadcast carries between nodes: always an EVENT (<c>type</c> 2 on the wire; a
/// received 5, BINARY_EVENT, means the same), its arguments with binary as attachments, not the encoded packet text.
/// </summary>
/// <param name="Data">The event name and arguments.</param>
/// <param name="Nsp">
/// The namespace: always sent by the classic adapter and the emitter (a receiver reads a missing one as <c>/</c>),
/// never by the ClusterAdapter family, whose receivers use their own.
/// </param>
/// <param name="Id">
/// An acknowledgement id. Only seen when a Node server with connection state recovery sends one socket an event with
/// an acknowledgement through its adapter; no other node has that socket.
/// </param>
internal sealed record BroadcastPacket(PacketPayload Data, string? Nsp = null, long? Id = null)
{
    /// <summary>Gets whether the arguments hold binary.</summary>
    public bool HasBinary => Data.Attachments.Count > 0;
}
