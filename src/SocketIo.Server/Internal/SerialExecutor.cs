namespace SocketIo.Server.Internal;

/// <summary>
/// Runs work items one at a time, in the order posted, on the thread pool: one pool work item drains the queue while
/// it holds anything, and none runs (no thread is held) while it is empty. A client's lifecycle work (disconnect
/// listeners, the disconnect token's callbacks) runs here, so user code never runs on the thread that asked for it —
/// the timer loop, a transport's read loop, or another connection's handler — and a slow listener delays only the
/// work queued behind it on the same client. Its queue is bounded by what feeds it: one close per socket of the
/// client, and one barrier per CONNECT in progress (<see cref="WhenIdleAsync"/>), both bounded already.
/// </summary>
internal sealed class SerialExecutor
{
    /// <summary>How many items one drain runs before it yields its pool thread to other work.</summary>
    private const int ItemsPerTurn = 64;

    /// <summary>Guards every field below.</summary>
    private readonly Lock _gate = new();

    /// <summary>The items not run yet, oldest first.</summary>
    private readonly Queue<(Action<object?> Work, object? State)> _queue = new();

    /// <summary>Receives an exception a work item let escape, with <see cref="_owner"/>; the executor goes on with the next item.</summary>
    private readonly Action<Exception, object> _onFailure;

    /// <summary>What <see cref="_onFailure"/> reports for, so that a static callback serves every executor.</summary>
    private readonly object _owner;

    /// <summary>A pool work item is draining (or is about to); a post then only enqueues.</summary>
    private bool _draining;

    public SerialExecutor(Action<Exception, object> onFailure, object owner)
    {
        _onFailure = onFailure;
        _owner = owner;
    }

    /// <summary>Queues <paramref name="work"/>, to run after everything queued before it.</summary>
    public void Post(Action<object?> work, object? state)
    {
        lock (_gate)
        {
            _queue.Enqueue((work, state));
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static self => self.Drain(), this, preferLocal: false);
    }

    /// <summary>Completes once every item posted before the call has run: at once when the executor is idle.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (!_draining)
            {
                return Task.CompletedTask;
            }
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(static state => ((TaskCompletionSource)state!).TrySetResult(), done);
        return done.Task;
    }

    private void Drain()
    {
        for (var ran = 0; ran < ItemsPerTurn; ran++)
        {
            (Action<object?> Work, object? State) item;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out item))
                {
                    _draining = false;
                    return;
                }
            }

            try
            {
                item.Work(item.State);
            }
#pragma warning disable CA1031 // One failing item must not stop the items queued after it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _onFailure(e, _owner);
            }
        }

        // Still busy after a full turn: continue in a fresh pool work item, so other work gets the thread meanwhile.
        ThreadPool.UnsafeQueueUserWorkItem(static self => self.Drain(), this, preferLocal: false);
    }
}
