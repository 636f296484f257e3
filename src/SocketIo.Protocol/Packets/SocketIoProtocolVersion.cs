namespace SocketIo.Protocol.Packets;

/// <summary>The Socket.IO protocol revisions the codecs speak; the value is the revision number.</summary>
public enum SocketIoProtocolVersion
{
    /// <summary>
    /// Revision 4, spoken by the Socket.IO 1.x and 2.x clients over Engine.IO protocol v3. The packet encoding is that
    /// of revision 5; what differs: a CONNECT carries no payload, its auth riding in the namespace as a query string
    /// (<c>40/admin?token=abc,</c>); type 4 is called ERROR and its payload is any value, a string in most cases; and the
    /// client is joined to <c>/</c> without asking.
    /// </summary>
    V4 = 4,

    /// <summary>Revision 5, spoken by the Socket.IO 3.x and 4.x clients.</summary>
    V5 = 5,
}
