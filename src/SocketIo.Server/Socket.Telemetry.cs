namespace SocketIo.Server;

public sealed partial class Socket
{
    /// <summary>Whether an event of this name has a handler on this socket (names a span after it only then).</summary>
    internal bool Handles(string eventName) => _handlers.ContainsKey(eventName);
}
