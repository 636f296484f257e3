using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SocketIo.Engine;

/// <summary>
/// One loop that runs every deadline of a server — heartbeats, upgrade and close timeouts, the Socket.IO connect
/// timeout, acknowledgement expiry — on one <see cref="TimeProvider"/>. Deadlines sit in a min-heap; the loop waits
/// for the earliest and is woken when an earlier one is scheduled. A cancelled deadline leaves the heap at once
/// (O(log n)), so a closed connection's deadlines never keep it in memory.
/// </summary>
/// <remarks>
/// Callbacks run on the loop, one at a time, and must be short and must not run application code: they complete
/// tasks whose continuations run asynchronously, or queue work to the thread pool. A callback that throws is logged
/// and the loop goes on.
/// </remarks>
public sealed partial class TimerLoop : IDisposable
{
    /// <summary>The longest single wait of the loop.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    /// <summary>The clock every deadline is measured on.</summary>
    private readonly TimeProvider _timeProvider;

    /// <summary>Logs callbacks that throw.</summary>
    private readonly ILogger _logger;

    /// <summary>The clock reading that deadlines are relative to.</summary>
    private readonly long _origin;

    /// <summary>Pending deadlines as a binary min-heap on <see cref="TimerHandle.Due"/>; guarded by <see cref="_gate"/>.</summary>
    private readonly List<TimerHandle> _heap = [];

    /// <summary>Guards <see cref="_heap"/>, <see cref="_wake"/>, <see cref="_stopped"/> and every handle's heap index.</summary>
    private readonly Lock _gate = new();

    /// <summary>Set once by <see cref="Dispose"/>; guarded by <see cref="_gate"/>.</summary>
    private bool _stopped;

    /// <summary>Cancels the loop's current wait so it re-reads the earliest deadline; guarded by <see cref="_gate"/>.</summary>
    private CancellationTokenSource? _wake;

    /// <summary>Starts a loop on <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">The clock; tests pass one they advance by hand.</param>
    /// <param name="logger">Logs callbacks that throw; nothing is logged when omitted.</param>
    public TimerLoop(TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _origin = timeProvider.GetTimestamp();
        _ = Task.Run(RunAsync);
    }

    /// <summary>Gets the time elapsed since the loop started, on its clock.</summary>
    public TimeSpan Now => _timeProvider.GetElapsedTime(_origin);

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Gets how many deadlines are pending (for tests).</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _heap.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="callback"/> on the loop once <paramref name="delay"/> has elapsed, unless cancelled first.</summary>
    /// <param name="delay">How long from now; a negative delay is due at once.</param>
    /// <param name="callback">A short callback that runs no application code (see the remarks on <see cref="TimerLoop"/>).</param>
    /// <param name="state">The callback's argument.</param>
    /// <returns>The handle that cancels the deadline.</returns>
    public TimerHandle Schedule(TimeSpan delay, Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var handle = new TimerHandle(this, Now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), callback, state);
        CancellationTokenSource? wake = null;
        lock (_gate)
        {
            Push(handle);
            if (handle.HeapIndex == 0)
            {
                wake = _wake;
                _wake = null;
            }
        }

        wake?.Cancel();
        return handle;
    }

    /// <summary>Stops the loop without waiting for it (host shutdown). Pending deadlines never run.</summary>
    public void Dispose()
    {
        CancellationTokenSource? wake;
        lock (_gate)
        {
            _stopped = true;
            wake = _wake;
            _wake = null;
        }

        wake?.Cancel();
    }

    /// <summary>Takes a cancelled handle out of the heap (if it is still there).</summary>
    internal void Remove(TimerHandle handle)
    {
        lock (_gate)
        {
            var index = handle.HeapIndex;
            if (index < 0)
            {
                return;
            }

            var last = _heap.Count - 1;
            handle.HeapIndex = -1;
            if (index != last)
            {
                var moved = _heap[last];
                _heap.RemoveAt(last);
                Place(moved, index);
                if (!SiftUp(index))
                {
                    SiftDown(index);
                }
            }
            else
            {
                _heap.RemoveAt(last);
            }
        }
    }

    private async Task RunAsync()
    {
        var due = new List<TimerHandle>();
        while (true)
        {
            TimeSpan delay;
            TimeSpan? nextDue;
            CancellationTokenSource? wake = null;
            lock (_gate)
            {
                // Checked under the lock Dispose takes: either this sees the stop or Dispose sees the wake source.
                if (_stopped)
                {
                    return;
                }

                var now = Now;
                while (_heap.Count > 0 && _heap[0].Due <= now)
                {
                    due.Add(Pop());
                }

                nextDue = _heap.Count > 0 ? _heap[0].Due : null;
                delay = nextDue is { } earliest ? earliest - now : Timeout.InfiniteTimeSpan;
                if (delay > MaxWait)
                {
                    // Task.Delay takes at most ~49 days; far deadlines are simply re-examined after a long wait.
                    delay = MaxWait;
                }

                if (due.Count == 0)
                {
                    // A plain source (no timer, no link) needs no disposal, so whoever cancels it never races a Dispose.
                    wake = _wake = new CancellationTokenSource();
                }
            }

            if (due.Count > 0)
            {
                foreach (var handle in due)
                {
                    Run(handle);
                }

                due.Clear();
                continue;
            }

            try
            {
                var waiting = Task.Delay(delay, _timeProvider, wake!.Token);
                if (nextDue is { } earliestDue && Now >= earliestDue)
                {
                    // The clock passed the deadline between reading it and arming the wait (a test clock that
                    // jumps can do that): the wait would be late, so go round at once.
                    await wake.CancelAsync().ConfigureAwait(false);
                }

                // Woken by an earlier deadline, or stopping: the cancellation ends the wait, with no exception thrown
                // for it (a wake can come with every new earliest deadline).
                await waiting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            finally
            {
                lock (_gate)
                {
                    if (_wake == wake)
                    {
                        _wake = null;
                    }
                }
            }
        }
    }

    private void Run(TimerHandle handle)
    {
        if (!handle.TryFire(out var callback, out var state))
        {
            return;
        }

        try
        {
            callback(state);
        }
#pragma warning disable CA1031 // A failing callback must not stop every other deadline of the server.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CallbackFailed(_logger, ex);
        }
    }

    private void Push(TimerHandle handle)
    {
        _heap.Add(handle);
        handle.HeapIndex = _heap.Count - 1;
        SiftUp(handle.HeapIndex);
    }

    private TimerHandle Pop()
    {
        var top = _heap[0];
        var last = _heap.Count - 1;
        var moved = _heap[last];
        _heap.RemoveAt(last);
        top.HeapIndex = -1;
        if (last > 0)
        {
            Place(moved, 0);
            SiftDown(0);
        }

        return top;
    }

    /// <summary>Moves the entry at <paramref name="index"/> up while it is earlier than its parent; true if it moved.</summary>
    private bool SiftUp(int index)
    {
        var start = index;
        var handle = _heap[index];
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (_heap[parent].Due <= handle.Due)
            {
                break;
            }

            Place(_heap[parent], index);
            index = parent;
        }

        Place(handle, index);
        return index != start;
    }

    private void SiftDown(int index)
    {
        var handle = _heap[index];
        var count = _heap.Count;
        while (true)
        {
            var child = (2 * index) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && _heap[child + 1].Due < _heap[child].Due)
            {
                child++;
            }

            if (handle.Due <= _heap[child].Due)
            {
                break;
            }

            Place(_heap[child], index);
            index = child;
        }

        Place(handle, index);
    }

    private void Place(TimerHandle handle, int index)
    {
        _heap[index] = handle;
        handle.HeapIndex = index;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "A timer callback threw.", EventName = "TimerCallbackFailed")]
        public static partial void CallbackFailed(ILogger logger, Exception exception);
    }
}
