namespace SocketIo.Server;

/// <summary>
/// The acknowledgement callback of an incoming event. Declare a parameter of this type in an event handler to answer
/// explicitly (any number of arguments, at any time); without it, the handler's return value is the answer.
/// </summary>
public sealed class SocketIoAck
{
    /// <summary>The callback of an event that asked for no acknowledgement: nothing to send, nothing to remember.</summary>
    internal static readonly SocketIoAck NotRequested = new(send: null);

    // A client's event is answered by its socket; a server-side emit's by a callback.
    private readonly Socket? _socket;
    private readonly long _id;
    private readonly Action<object?[]>? _send;
    private int _sent;

    internal SocketIoAck(Action<object?[]>? send) => _send = send;

    internal SocketIoAck(Socket socket, long id)
    {
        _socket = socket;
        _id = id;
    }

    /// <summary>Gets a value indicating whether the client asked for an acknowledgement.</summary>
    public bool IsRequested => _socket is not null || _send is not null;

    /// <summary>Gets a value indicating whether the acknowledgement was sent (it can be sent once).</summary>
    public bool IsSent => Volatile.Read(ref _sent) != 0;

    /// <summary>Sends the acknowledgement with these arguments. Later calls, and calls when none was requested, do nothing.</summary>
    public void Send(params object?[] args)
    {
        if (TryClaim())
        {
            if (_socket is { } socket)
            {
                socket.SendAck(_id, args);
            }
            else
            {
                _send!(args);
            }
        }
    }

    /// <summary>Sends a handler's result as the one argument; a socket's answer needs no argument array for it.</summary>
    internal void SendResult(object? result)
    {
        if (_socket is null)
        {
            Send(result);
        }
        else if (TryClaim())
        {
            _socket.SendAck(_id, new ReadOnlySpan<object?>(ref result));
        }
    }

    private bool TryClaim() => IsRequested && Interlocked.Exchange(ref _sent, 1) == 0;
}
