namespace SocketIo.Server;

public sealed partial class Socket
{
    /// <summary>
    /// Gets how many bytes wait to be written to this client: what the server queued for its connection and has not
    /// yet handed to the network. The connection is shared by the client's sockets in every namespace, so this counts
    /// all of them. When a non-volatile send would take it past <see cref="SocketIo.Engine.EngineIoOptions.MaxBufferedBytes"/>,
    /// the connection closes with the reason <c>outbound buffer full</c>; volatile sends are dropped instead.
    /// </summary>
    public long BufferedBytes => Connection.BufferedBytes;

    /// <summary>
    /// Waits until at most <paramref name="threshold"/> bytes wait to be written to this client: backpressure for a
    /// producer that would rather slow down for a slow client than have it disconnected for falling behind. Emit, then
    /// await this before the next batch. Completes at once when the client already has room. Broadcasts never wait on
    /// a slow client; only the producer that awaits this does.
    /// </summary>
    /// <param name="threshold">The most bytes that may still be queued when the wait ends (0: everything written).</param>
    /// <param name="cancellationToken">Ends the wait with an <see cref="OperationCanceledException"/>.</param>
    /// <returns>
    /// <see langword="true"/> once the client has room; <see langword="false"/> when the socket is (or becomes)
    /// disconnected, so a producer loop can stop.
    /// </returns>
    public ValueTask<bool> WaitForDrainAsync(long threshold, CancellationToken cancellationToken = default)
    {
        if (!Connected)
        {
            return ValueTask.FromResult(false);
        }

        var wait = Connection.WaitForDrainAsync(threshold, cancellationToken);
        return wait.IsCompletedSuccessfully ? ValueTask.FromResult(wait.Result && Connected) : AwaitDrainAsync(wait);
    }

    private async ValueTask<bool> AwaitDrainAsync(ValueTask<bool> wait) => await wait.ConfigureAwait(false) && Connected;
}
