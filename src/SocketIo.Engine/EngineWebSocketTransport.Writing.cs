using System.Buffers;
using System.Net.WebSockets;
using SocketIo.Engine.Diagnostics;
using SocketIo.Protocol.Engine;

namespace SocketIo.Engine;

/// <summary>
/// The writer: write passes that run only while the session has frames queued, started by the session's send (on the
/// thread pool, or on the sender's thread), each ending when it finds the queue empty.
/// </summary>
internal sealed partial class EngineWebSocketTransport : IThreadPoolWorkItem
{
    /// <summary>
    /// Write passes started and not yet ended. The session starts one only when the last found the queue empty, so
    /// at most the end of one overlaps the start of the next. An idle connection keeps no writer waiting: the pass
    /// starts when frames are queued, and a pass whose writes complete at once allocates nothing.
    /// </summary>
    private int _passes;

    /// <summary>Set once stopped while a pass was running: completed by the pass that ends last.</summary>
    private TaskCompletionSource? _passesEnded;

    /// <summary>The type byte that leads a protocol v3 binary message, sent as its first fragment.</summary>
    private static readonly ReadOnlyMemory<byte> V3BinaryType = new[] { WebSocketMessageV3.BinaryMessageType };

    /// <summary>
    /// Starts a write pass: frames were queued while the writer was idle. Called once per idle-to-busy change (the
    /// session decides under its lock) and by the run for its first pass, safe from any thread.
    /// </summary>
    /// <param name="writeHere">
    /// Run the pass on this thread until it has written what is queued (or its write waits for the client), instead
    /// of on a thread-pool thread; only for a caller that holds no lock.
    /// </param>
    internal void Wake(bool writeHere = false)
    {
        // Counted from here, not from the pass's start, so that a stop in between still waits for it.
        Interlocked.Increment(ref _passes);
        if (writeHere)
        {
            _ = WriteQueuedAsync();
        }
        else
        {
            // The transport is its own work item: the hop allocates nothing.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = WriteQueuedAsync();

    /// <summary>
    /// One write pass: writes what is queued until the queue is empty (the session then marks the writer idle) or the
    /// socket stops. Never fails: a broken socket closes the session, anything else is logged first.
    /// </summary>
    private async Task WriteQueuedAsync()
    {
        try
        {
            while (_session.TakeForWebSocket(this, out var count, out var isFinal) is { } frames)
            {
                long written = 0;
                try
                {
                    for (var i = 0; i < count; i++)
                    {
                        await SendFrameAsync(frames[i]);
                        written += frames[i].Payload.Length + EngineSession.FrameOverhead;
                    }
                }
                finally
                {
                    // Drops the references to the sent bytes.
                    ArrayPool<EngineFrame>.Shared.Return(frames, clearArray: true);
                }

                EngineTelemetry.SentOverWebSocket(count, written);
                _session.OnWritten(written);
                if (isFinal)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (IsBroken(ex))
        {
            EngineIoServer.Log.WebSocketEnded(_server.Logger, _session.Id, "send failed");
            _session.CloseNow(EngineCloseReasons.TransportError);
        }
#pragma warning disable CA1031 // Nothing awaits a pass: what it throws is logged here, and the session closed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EngineIoServer.Log.RequestFailed(_server.Logger, ex);
            _session.CloseNow(EngineCloseReasons.TransportError);
        }
        finally
        {
            if (Interlocked.Decrement(ref _passes) == 0)
            {
                Volatile.Read(ref _passesEnded)?.TrySetResult();
            }
        }
    }

    /// <summary>After the stop: whether every write pass ended within <paramref name="bound"/>.</summary>
    private async ValueTask<bool> PassesEndedAsync(TimeSpan bound)
    {
        if (Volatile.Read(ref _passes) == 0)
        {
            return true;
        }

        // Published before the count is read again, as a pass decrements before it reads this: one of the two sees
        // the other, so the last pass's end is never missed.
        var ended = _passesEnded ?? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _passesEnded, ended);
        if (Volatile.Read(ref _passes) == 0)
        {
            return true;
        }

        try
        {
            await ended.Task.WaitAsync(bound, _server.Options.TimeProvider);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private ValueTask SendFrameAsync(EngineFrame frame)
    {
        var flags = frame.DisableCompression
            ? WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression
            : WebSocketMessageFlags.EndOfMessage;
        if (!frame.IsBinary)
        {
            return _socket.SendAsync(frame.Payload, WebSocketMessageType.Text, flags, CancellationToken.None);
        }

        return IsV3 ? SendV3BinaryAsync(frame.Payload, flags) : _socket.SendAsync(frame.Payload, WebSocketMessageType.Binary, flags, CancellationToken.None);
    }

    /// <summary>
    /// A protocol v3 binary message: the type byte 4 and the frame's bytes as two fragments of one WebSocket message.
    /// The frame's bytes are shared by every recipient of a broadcast, v4 sessions included, so they are neither
    /// copied nor encoded again per v3 socket; the price is one more frame header (2 bytes) and one more write into
    /// the connection's output buffer, against a copy of the whole payload per recipient. A client that asked for
    /// base64 (only when forced to: the official clients send binary) gets <c>b4</c>+base64 text encoded for it alone.
    /// </summary>
    private async ValueTask SendV3BinaryAsync(ReadOnlyMemory<byte> data, WebSocketMessageFlags flags)
    {
        if (_base64Binary)
        {
            var text = new ArrayBufferWriter<byte>(Base64Message.GetEncodedLength(2, data.Length));
            WebSocketMessageV3.WriteBase64(text, data.Span);
            await _socket.SendAsync(text.WrittenMemory, WebSocketMessageType.Text, flags, CancellationToken.None);
            return;
        }

        // Both fragments carry the same compression flag: a message is compressed as a whole or not at all.
        await _socket.SendAsync(V3BinaryType, WebSocketMessageType.Binary, flags & ~WebSocketMessageFlags.EndOfMessage, CancellationToken.None);
        await _socket.SendAsync(data, WebSocketMessageType.Binary, flags, CancellationToken.None);
    }
}
