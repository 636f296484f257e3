using SocketIo.Protocol.Engine;

namespace SocketIo.Engine;

/// <summary>
/// The outbound buffer's size in bytes: every queued frame counts its payload plus <see cref="FrameOverhead"/>, from
/// the moment it is queued until a transport has written it (a polling GET takes the whole queue at once; a WebSocket
/// counts the frames it is still writing). Producers may wait for the buffer to drain below a threshold.
/// </summary>
internal sealed partial class EngineSession
{
    /// <summary>What a frame costs beyond its payload (queue slot, frame object), so that many tiny frames are bounded too.</summary>
    internal const int FrameOverhead = 64;

    /// <summary>Bytes queued or being written; guarded by <see cref="Gate"/>.</summary>
    private long _bufferedBytes;

    /// <summary>Producers waiting for the buffer to drain; guarded by <see cref="Gate"/>, created on first use.</summary>
    private List<DrainWaiter>? _drainWaiters;

    public long BufferedBytes
    {
        get
        {
            lock (Gate)
            {
                return _bufferedBytes;
            }
        }
    }

    public ValueTask<bool> WaitForDrainAsync(long threshold, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        DrainWaiter waiter;
        lock (Gate)
        {
            if (_state != EngineSessionState.Open)
            {
                return ValueTask.FromResult(false);
            }

            if (_bufferedBytes <= threshold)
            {
                return ValueTask.FromResult(true);
            }

            waiter = new DrainWaiter(this, threshold);
            (_drainWaiters ??= []).Add(waiter);
        }

        waiter.Register(cancellationToken);
        return new ValueTask<bool>(waiter.Completion.Task);
    }

    /// <summary>What <paramref name="frames"/> add to the buffer.</summary>
    private static long Cost(ReadOnlySpan<EngineFrame> frames)
    {
        long cost = 0;
        foreach (var frame in frames)
        {
            cost += frame.Payload.Length + FrameOverhead;
        }

        return cost;
    }

    /// <summary>
    /// Whether adding <paramref name="cost"/> bytes breaks the bound. A send into an empty buffer always fits: the
    /// bound is on what piles up behind a slow client, not on the size of one message.
    /// </summary>
    private bool WouldOverflowLocked(long cost) => _bufferedBytes > 0 && _bufferedBytes + cost > Options.MaxBufferedBytes;

    private void EnqueueLocked(EngineFrame frame)
    {
        _queue.Enqueue(frame);
        _bufferedBytes += frame.Payload.Length + FrameOverhead;
    }

    /// <summary>Frames left the buffer; returns the waiters whose threshold is now met, to complete after the lock.</summary>
    private List<DrainWaiter>? ReleaseBytesLocked(long bytes)
    {
        _bufferedBytes -= bytes;
        if (_drainWaiters is not { Count: > 0 } waiters)
        {
            return null;
        }

        List<DrainWaiter>? ready = null;
        for (var i = waiters.Count - 1; i >= 0; i--)
        {
            if (waiters[i].Threshold >= _bufferedBytes)
            {
                (ready ??= []).Add(waiters[i]);
                waiters.RemoveAt(i);
            }
        }

        return ready;
    }

    /// <summary>The session closed: the buffer is dropped and every waiter learns it with <see langword="false"/>.</summary>
    private List<DrainWaiter>? ClearBufferLocked()
    {
        _queue.Clear();
        _bufferedBytes = 0;
        var waiters = _drainWaiters;
        _drainWaiters = null;
        return waiters;
    }

    /// <summary>The WebSocket writer wrote frames it had taken.</summary>
    internal void OnWritten(long bytes)
    {
        List<DrainWaiter>? ready;
        lock (Gate)
        {
            if (_state == EngineSessionState.Closed)
            {
                return;
            }

            ready = ReleaseBytesLocked(bytes);
        }

        Complete(ready, true);
    }

    private static void Complete(List<DrainWaiter>? waiters, bool result)
    {
        if (waiters is null)
        {
            return;
        }

        foreach (var waiter in waiters)
        {
            waiter.Complete(result);
        }
    }

    private void RemoveWaiter(DrainWaiter waiter)
    {
        lock (Gate)
        {
            _drainWaiters?.Remove(waiter);
        }
    }

    /// <summary>One producer waiting for the buffer to hold at most <see cref="Threshold"/> bytes.</summary>
    private sealed class DrainWaiter(EngineSession session, long threshold)
    {
        private CancellationTokenRegistration _cancellation;

        public EngineSession Session { get; } = session;

        public long Threshold { get; } = threshold;

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Register(CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled)
            {
                return;
            }

            _cancellation = cancellationToken.UnsafeRegister(static (state, token) =>
            {
                var waiter = (DrainWaiter)state!;
                waiter.Completion.TrySetCanceled(token);
                waiter.Session.RemoveWaiter(waiter);
            }, this);
        }

        public void Complete(bool result)
        {
            _cancellation.Dispose();
            Completion.TrySetResult(result);
        }
    }
}
