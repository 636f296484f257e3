namespace SocketIo.Server;

/// <summary>The operator as an <see cref="ISocketIoBroadcaster"/>: its modifiers, typed as the interface.</summary>
public sealed partial class BroadcastOperator : ISocketIoBroadcaster
{
    ISocketIoBroadcaster ISocketIoBroadcaster.Volatile => Volatile;

    ISocketIoBroadcaster ISocketIoBroadcaster.Local => Local;

    ISocketIoBroadcaster ISocketIoBroadcaster.To(string room) => To(room);

    ISocketIoBroadcaster ISocketIoBroadcaster.To(IEnumerable<string> rooms) => To(rooms);

    ISocketIoBroadcaster ISocketIoBroadcaster.In(string room) => In(room);

    ISocketIoBroadcaster ISocketIoBroadcaster.Except(string room) => Except(room);

    ISocketIoBroadcaster ISocketIoBroadcaster.Compress(bool compress) => Compress(compress);

    ISocketIoBroadcaster ISocketIoBroadcaster.Timeout(TimeSpan timeout) => Timeout(timeout);
}
