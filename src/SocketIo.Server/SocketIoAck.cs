namespace SocketIo.Server;

/// <summary>
/// The acknowledgement callback of an incoming event. Declare a parameter of this type in an event handler to answer
/// explicitly (any number of arguments, at any time); without it, the handler's return value is the answer.
/// </summary>
public sealed class SocketIoAck
{
    private readonly Action<object?[]>? _send;
    private int _sent;

    internal SocketIoAck(Action<object?[]>? send) => _send = send;

    /// <summary>Gets a value indicating whether the client asked for an acknowledgement.</summary>
    public bool IsRequested => _send is not null;

    /// <summary>Gets a value indicating whether the acknowledgement was sent (it can be sent once).</summary>
    public bool IsSent => Volatile.Read(ref _sent) != 0;

    /// <summary>Sends the acknowledgement with these arguments. Later calls, and calls when none was requested, do nothing.</summary>
    public void Send(params object?[] args)
    {
        if (_send is not null && Interlocked.Exchange(ref _sent, 1) == 0)
        {
            _send(args);
        }
    }
}
