namespace SocketIo.Server.Internal.Binding;

/// <summary>
/// What one event offers its handlers: the receiving socket (none for a server-side emit), the arguments, the
/// acknowledgement, the cancellation token and, while a handler that takes services runs, its scope's services.
/// The handlers of an event run one after the other, each binding from the first argument.
/// </summary>
internal sealed class HandlerContext(Socket? socket, SocketIoArguments arguments, SocketIoAck ack, SocketIoServer server)
{
    public Socket? Socket { get; } = socket;

    public SocketIoArguments Arguments { get; } = arguments;

    public SocketIoAck Ack { get; } = ack;

    public SocketIoServer Server { get; } = server;

    /// <summary>Ends when the socket disconnects (the server's stop disconnects every socket); for a server-side emit, when the server stops.</summary>
    public CancellationToken Cancellation => Socket?.Disconnected ?? Server.Stopping;

    /// <summary>The services of the scope the current handler runs in; set only while a handler that takes services runs.</summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>The position of the next JSON argument to bind.</summary>
    public int NextArgument { get; set; }
}
