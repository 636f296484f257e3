using System.Buffers;
using System.Net.WebSockets;

namespace SocketIo.Engine;

/// <summary>
/// The close: one owner (a stop while the receive loop runs, or the run once its loop ended) ends the writes in
/// progress, sends our close frame or answers the client's, and bounds every step, aborting the socket past a bound.
/// </summary>
internal sealed partial class EngineWebSocketTransport
{
    /// <summary>How long a close handshake may take before the socket is aborted.</summary>
    internal static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Set by whoever starts the close (a stop while the receive loop runs, or the run once its loop ended); completed
    /// when our close frame is out or was given up on.
    /// </summary>
    private TaskCompletionSource? _closing;

    /// <summary>Aborts the socket if the client does not answer our close frame in time.</summary>
    private TimerHandle? _closeDeadline;

    /// <summary>The close status to send; the first <see cref="Stop"/> decides.</summary>
    private int _closeStatus = -1;

    /// <summary>How long the last frames may take to write once the socket is told to stop.</summary>
    private TimeSpan SendDrainTimeout => _server.Options.PingTimeout > CloseTimeout ? _server.Options.PingTimeout : CloseTimeout;

    private WebSocketCloseStatus CloseStatus => _closeStatus < 0 ? WebSocketCloseStatus.NormalClosure : (WebSocketCloseStatus)_closeStatus;

    /// <summary>Asks the socket to close (after the frames already taken are written). Safe from any thread.</summary>
    public void Stop(WebSocketCloseStatus status)
    {
        Interlocked.CompareExchange(ref _closeStatus, (int)status, -1);
        if (_probing)
        {
            // The probe phase only reads; nothing else would notice the stop.
            _socket.Abort();
            return;
        }

        // The receive loop waits for a message that need not come: our close frame asks the client to end it. A stop
        // before the loop runs is seen by the run instead (the status was set first, with a full fence).
        if (_serving && !_receiveEnded)
        {
            StartClosing();
        }
    }

    /// <summary>
    /// Starts the close unless it started already, on the thread pool: a stop may come from the timer loop or from
    /// another connection's send.
    /// </summary>
    private void StartClosing()
    {
        if (TryStartClosing() is { } closing)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.Transport.CloseAsync(s.Closing), (Transport: this, Closing: closing), preferLocal: false);
        }
    }

    /// <summary>The close's one owner: a new signal for whoever calls first, <see langword="null"/> for the others.</summary>
    private TaskCompletionSource? TryStartClosing()
    {
        if (Volatile.Read(ref _closing) is not null)
        {
            return null;
        }

        var closing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return Interlocked.CompareExchange(ref _closing, closing, null) is null ? closing : null;
    }

    /// <summary>
    /// The writes in progress end (a client that stopped reading is cut off past their bound), then our close frame
    /// goes out, or answers the client's. The client's answer ends the receive loop; one that does not come within
    /// <see cref="CloseTimeout"/> is cut off by an abort. Completes <paramref name="closing"/> when done; never fails.
    /// </summary>
    private async Task CloseAsync(TaskCompletionSource closing)
    {
        try
        {
            if (!await PassesEndedAsync(SendDrainTimeout))
            {
                Abort(_socket);
                await PassesEndedAsync(CloseTimeout);
                return;
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var cts = new CancellationTokenSource(CloseTimeout, _server.Options.TimeProvider);
                await _socket.CloseOutputAsync(CloseStatus, null, cts.Token);
            }

            if (_socket.State == WebSocketState.CloseSent)
            {
                _closeDeadline = _server.Timers.Schedule(CloseTimeout, static s => Abort((WebSocket)s!), _socket);
            }
        }
        catch (Exception ex) when (IsBroken(ex))
        {
            Abort(_socket);
        }
        finally
        {
            closing.TrySetResult();
        }
    }

    /// <summary>Closes a socket that carries no session (refused upgrade) within the close timeout, then aborts it.</summary>
    internal static async Task CloseQuietlyAsync(WebSocket socket, WebSocketCloseStatus status, TimeProvider timeProvider)
    {
        try
        {
            using var cts = new CancellationTokenSource(CloseTimeout, timeProvider);
            await socket.CloseOutputAsync(status, null, cts.Token);
            await DrainUntilCloseAsync(socket, timeProvider);
        }
        catch (Exception ex) when (IsBroken(ex))
        {
            // Best effort only.
        }
        finally
        {
            Abort(socket);
        }
    }

    /// <summary>What a read or write of a socket that broke, was aborted or was disposed throws.</summary>
    private static bool IsBroken(Exception ex) => ex is WebSocketException or OperationCanceledException or ObjectDisposedException;

    /// <summary>Aborts the socket unless its close handshake completed.</summary>
    private static void Abort(WebSocket socket)
    {
        if (socket.State != WebSocketState.Closed)
        {
            socket.Abort();
        }
    }

    /// <summary>Discards whatever the client still sends until its close frame, within the close timeout.</summary>
    private static async Task DrainUntilCloseAsync(WebSocket socket, TimeProvider timeProvider)
    {
        using var cts = new CancellationTokenSource(CloseTimeout, timeProvider);
        var buffer = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            while (socket.State == WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
