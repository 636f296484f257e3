using System.Threading.Tasks.Sources;

namespace SocketIo.Engine;

/// <summary>
/// An auto-reset signal with one waiter and many setters, reused for the life of its owner so that waiting allocates
/// nothing: the WebSocket send loop waits on it when the queue is empty, and every send or stop sets it. A set with
/// no waiter is remembered until the next wait. The waiter resumes on the thread pool, or, when the setter asks for
/// it (<see cref="Set(bool)"/>), on the setter's thread before the set returns.
/// </summary>
internal sealed class WakeSignal : IValueTaskSource
{
    private const int Idle = 0;
    private const int Signaled = 1;
    private const int Waiting = 2;

    /// <summary>The state machine of the awaitable; reset before each wait by the one waiter.</summary>
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    /// <summary><see cref="Idle"/>, <see cref="Signaled"/> (set, not yet consumed) or <see cref="Waiting"/>.</summary>
    private int _state;

    /// <summary>Completes when <see cref="Set"/> is called (at once if it was called since the last wait). One waiter at a time.</summary>
    public ValueTask WaitAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Signaled) == Signaled)
        {
            return ValueTask.CompletedTask;
        }

        _core.Reset();
        // Every wait resumes on the thread pool unless the set that ends it asks otherwise; set before the exchange
        // that lets setters in, and changed only by the one setter that wins the wait.
        _core.RunContinuationsAsynchronously = true;
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) == Signaled)
        {
            // Set between the two exchanges: consume it.
            Volatile.Write(ref _state, Idle);
            return ValueTask.CompletedTask;
        }

        return new ValueTask(this, _core.Version);
    }

    /// <summary>Wakes the waiter, or lets the next wait return at once. Safe from any thread.</summary>
    /// <param name="resumeHere">
    /// Run a waiting waiter's continuation on this thread, before returning, instead of queueing it to the thread pool:
    /// saves a thread hop for a setter that holds no lock and would give its thread back right after.
    /// </param>
    public void Set(bool resumeHere = false)
    {
        while (true)
        {
            switch (Volatile.Read(ref _state))
            {
                case Signaled:
                    return;
                case Idle when Interlocked.CompareExchange(ref _state, Signaled, Idle) == Idle:
                    return;
                case Waiting when Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting:
                    // A continuation not registered yet is queued by the core whatever this says.
                    _core.RunContinuationsAsynchronously = !resumeHere;
                    _core.SetResult(true);
                    return;
            }
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);
}
