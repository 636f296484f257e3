using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Parsers;

/// <summary>What every parser checks of a control packet to encode.</summary>
internal static class ControlPackets
{
    /// <summary>Throws unless <paramref name="type"/> is CONNECT, DISCONNECT or CONNECT_ERROR.</summary>
    public static void CheckType(SocketIoPacketType type)
    {
        if (type is not (SocketIoPacketType.Connect or SocketIoPacketType.Disconnect or SocketIoPacketType.ConnectError))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Control packets are CONNECT, DISCONNECT and CONNECT_ERROR; events and acknowledgements have their own methods.");
        }
    }
}
