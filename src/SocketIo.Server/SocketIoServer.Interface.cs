namespace SocketIo.Server;

/// <summary>The server as an <see cref="ISocketIoServer"/>: the main namespace, and the others by name.</summary>
public sealed partial class SocketIoServer : ISocketIoServer
{
    private ISocketIoNamespace Main => Sockets;

    string ISocketIoNamespace.Name => Sockets.Name;

    ISocketIoBroadcaster ISocketIoBroadcaster.Volatile => Volatile;

    ISocketIoBroadcaster ISocketIoBroadcaster.Local => Local;

    ISocketIoNamespace ISocketIoServer.Of(string name) => Of(name);

    ISocketIoBroadcaster ISocketIoBroadcaster.To(string room) => To(room);

    ISocketIoBroadcaster ISocketIoBroadcaster.To(IEnumerable<string> rooms) => To(rooms);

    ISocketIoBroadcaster ISocketIoBroadcaster.In(string room) => In(room);

    ISocketIoBroadcaster ISocketIoBroadcaster.Except(string room) => Except(room);

    ISocketIoBroadcaster ISocketIoBroadcaster.Compress(bool compress) => Main.Compress(compress);

    ISocketIoBroadcaster ISocketIoBroadcaster.Timeout(TimeSpan timeout) => Timeout(timeout);

    Task<IReadOnlyList<SocketIoArguments>> ISocketIoBroadcaster.EmitWithAckAsync(string eventName, object?[] args, CancellationToken cancellationToken)
        => Main.EmitWithAckAsync(eventName, args, cancellationToken);
}
