namespace SocketIo.Protocol.Parsers;

/// <summary>The built-in parsers, one instance each (they hold no state).</summary>
public static class SocketIoParsers
{
    /// <summary>
    /// Gets the default parser, that of Node's <c>socket.io-parser</c>: text messages (<c>42["event",1]</c>), binary
    /// values as placeholders followed by one binary message each. Every official client speaks it.
    /// </summary>
    public static ISocketIoParser Default { get; } = new DefaultSocketIoParser();

    /// <summary>
    /// Gets the parser of the npm package <c>socket.io-msgpack-parser</c> (3.x): each packet is one binary message
    /// holding the MessagePack map <c>{type, data, nsp, id}</c>, binary values inline as MessagePack <c>bin</c>. The
    /// client must be created with the same parser (<c>io(url, { parser })</c>).
    /// </summary>
    public static ISocketIoParser MessagePack { get; } = new MsgpackSocketIoParser();
}
