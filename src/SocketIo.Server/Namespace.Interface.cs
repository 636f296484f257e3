namespace SocketIo.Server;

/// <summary>The namespace as an <see cref="ISocketIoNamespace"/>: the selection of all its sockets.</summary>
public partial class Namespace : ISocketIoNamespace
{
    private ISocketIoBroadcaster All => new BroadcastOperator(this);

    ISocketIoBroadcaster ISocketIoBroadcaster.Volatile => Volatile;

    ISocketIoBroadcaster ISocketIoBroadcaster.Local => Local;

    ISocketIoBroadcaster ISocketIoBroadcaster.To(string room) => To(room);

    ISocketIoBroadcaster ISocketIoBroadcaster.To(IEnumerable<string> rooms) => To(rooms);

    ISocketIoBroadcaster ISocketIoBroadcaster.In(string room) => In(room);

    ISocketIoBroadcaster ISocketIoBroadcaster.Except(string room) => Except(room);

    ISocketIoBroadcaster ISocketIoBroadcaster.Compress(bool compress) => All.Compress(compress);

    ISocketIoBroadcaster ISocketIoBroadcaster.Timeout(TimeSpan timeout) => Timeout(timeout);

    Task<IReadOnlyList<SocketIoArguments>> ISocketIoBroadcaster.EmitWithAckAsync(string eventName, object?[] args, CancellationToken cancellationToken)
        => All.EmitWithAckAsync(eventName, args, cancellationToken);
}
