using SocketIo.Server.Internal;

namespace SocketIo.Server;

/// <summary>
/// Emits to one socket with flags (<see cref="Timeout"/>, <see cref="Volatile"/>, <see cref="Compress"/>). Immutable: each flag returns a new
/// emitter, so one can be kept and reused.
/// </summary>
public readonly struct SocketEmitter
{
    private readonly Socket _socket;
    private readonly TimeSpan? _timeout;
    private readonly bool _volatile;

    /// <summary>Set by <c>Compress(false)</c>; the default emitter compresses where the transport negotiated it.</summary>
    private readonly bool _uncompressed;

    internal SocketEmitter(Socket socket, TimeSpan? timeout = null, bool isVolatile = false, bool uncompressed = false)
    {
        _socket = socket;
        _timeout = timeout;
        _volatile = isVolatile;
        _uncompressed = uncompressed;
    }

    /// <summary>Returns an emitter whose acknowledgements fail with <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public SocketEmitter Timeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return new SocketEmitter(_socket, timeout, _volatile, _uncompressed);
    }

    /// <summary>Gets an emitter whose events are dropped when the client cannot take them right now.</summary>
    public SocketEmitter Volatile => new(_socket, _timeout, isVolatile: true, _uncompressed);

    /// <summary>Returns an emitter whose events are sent without per-message compression when <paramref name="compress"/> is false.</summary>
    public SocketEmitter Compress(bool compress) => new(_socket, _timeout, _volatile, uncompressed: !compress);

    /// <summary>Sends an event; see <see cref="Socket.Emit"/>.</summary>
    public void Emit(string eventName, params object?[] args) => _socket.EmitCore(eventName, args, _volatile, !_uncompressed);

    /// <summary>Sends an event and awaits the acknowledgement's arguments.</summary>
    /// <exception cref="TimeoutException">No acknowledgement within the timeout.</exception>
    /// <exception cref="SocketDisconnectedException">The socket is not connected, or disconnected before the answer.</exception>
    public Task<SocketIoArguments> EmitWithAckAsync(string eventName, params object?[] args)
    {
        AckArguments.ThrowIfCancellationToken(args);
        return _socket.EmitWithAckCore(eventName, args, _timeout, CancellationToken.None, !_uncompressed);
    }

    /// <summary>
    /// Sends an event and awaits the acknowledgement's arguments, or until <paramref name="cancellationToken"/> is
    /// cancelled: <c>await socket.Timeout(TimeSpan.FromSeconds(5)).EmitWithAckAsync("question", ["what?"], cancellationToken)</c>.
    /// </summary>
    /// <exception cref="TimeoutException">No acknowledgement within the timeout.</exception>
    /// <exception cref="SocketDisconnectedException">The socket is not connected, or disconnected before the answer.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled first; a late answer is ignored.</exception>
    public Task<SocketIoArguments> EmitWithAckAsync(string eventName, object?[] args, CancellationToken cancellationToken)
        => _socket.EmitWithAckCore(eventName, args, _timeout, cancellationToken, !_uncompressed);

    /// <summary>Sends an event and awaits the acknowledgement, binding its first argument to <typeparamref name="T"/>.</summary>
    public Task<T?> EmitWithAckAsync<T>(string eventName, params object?[] args)
    {
        AckArguments.ThrowIfCancellationToken(args);
        return EmitWithAckAsync<T>(eventName, args, CancellationToken.None);
    }

    /// <summary>Like <see cref="EmitWithAckAsync(string, object?[], CancellationToken)"/>, binding the answer's first argument to <typeparamref name="T"/>.</summary>
    public async Task<T?> EmitWithAckAsync<T>(string eventName, object?[] args, CancellationToken cancellationToken)
    {
        var response = await _socket.EmitWithAckCore(eventName, args, _timeout, cancellationToken, !_uncompressed).ConfigureAwait(false);
        return response.Get<T>(0);
    }
}
