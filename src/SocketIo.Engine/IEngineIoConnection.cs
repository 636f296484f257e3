using SocketIo.Protocol.Engine;

namespace SocketIo.Engine;

/// <summary>One Engine.IO session as the layer above sees it.</summary>
public interface IEngineIoConnection
{
    /// <summary>Gets the session id (20 URL-safe characters from a cryptographic RNG).</summary>
    string Id { get; }

    /// <summary>
    /// Gets the Engine.IO protocol revision the client speaks: 4, or 3 for the Socket.IO 1.x and 2.x clients (only when
    /// <see cref="EngineIoOptions.AllowEio3"/> is set). It never changes during the session.
    /// </summary>
    int ProtocolVersion { get; }

    /// <summary>Gets the name of the current transport: <c>polling</c> or <c>websocket</c>.</summary>
    string Transport { get; }

    /// <summary>Gets what the handshake request carried, captured when the session opened.</summary>
    EngineIoRequest Request { get; }

    /// <summary>Gets a value indicating whether the session is still open.</summary>
    bool IsOpen { get; }

    /// <summary>
    /// Gets how many bytes wait to be written to the client: queued frames and the frames a WebSocket is still writing,
    /// each counted at its size plus a small fixed overhead. Bounded by <see cref="EngineIoOptions.MaxBufferedBytes"/>.
    /// </summary>
    long BufferedBytes { get; }

    /// <summary>
    /// Queues frames to be written together and in order (a packet and its binary attachments go in one call).
    /// Never blocks. When the frames would take the buffer past <see cref="EngineIoOptions.MaxBufferedBytes"/>, volatile
    /// frames are dropped and otherwise the session closes with <see cref="EngineCloseReasons.OutboundBufferFull"/>.
    /// </summary>
    /// <param name="frames">The frames; their memory must stay unchanged until written (share immutable buffers).</param>
    /// <param name="isVolatile">Drop the frames instead of queueing them when the client cannot take them now.</param>
    EngineSendResult Send(ReadOnlySpan<EngineFrame> frames, bool isVolatile = false);

    /// <summary>
    /// Queues frames like <see cref="Send"/>; then, when the session's WebSocket writer is idle, writes them on the
    /// calling thread before returning, instead of waking the writer on another thread-pool thread. That saves a thread
    /// hop (a wake-up of a parked thread when the server is quiet) for a caller that would give its thread back right
    /// after, such as the reply to a Socket.IO CONNECT. A write the client does not take at once is finished by the
    /// writer later: the call never waits for the client. Call it only where no lock is held. Long-polling sessions
    /// and implementations without a writer of their own queue the frames as <see cref="Send"/> does.
    /// </summary>
    /// <param name="frames">The frames; their memory must stay unchanged until written (share immutable buffers).</param>
    EngineSendResult SendAndWrite(ReadOnlySpan<EngineFrame> frames) => Send(frames);

    /// <summary>
    /// Waits until at most <paramref name="threshold"/> bytes are buffered: backpressure for a producer that would
    /// rather slow down than have a slow client disconnected. Completes at once when the buffer is already there.
    /// </summary>
    /// <param name="threshold">The most buffered bytes to wait for (0: everything written).</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns><see langword="true"/> once the buffer drained that far; <see langword="false"/> if the session closed first.</returns>
    ValueTask<bool> WaitForDrainAsync(long threshold, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes the session from the server side: frames already queued are flushed first (bounded by the ping
    /// timeout), then a close packet is sent. The handler's <see cref="IEngineIoSessionHandler.OnClosed"/> runs
    /// with <see cref="EngineCloseReasons.ForcedClose"/> unless another reason is given.
    /// </summary>
    void Close(string? reason = null);
}
