using Microsoft.Extensions.Logging;

namespace SocketIo.Server.Engine;

/// <summary>
/// One loop that runs every deadline of a server (heartbeats, upgrade and close timeouts; later connect timeouts and
/// ack expiry) on an injected <see cref="TimeProvider"/>. Deadlines sit in a min-heap; the loop waits for the
/// earliest and is woken when an earlier one is scheduled. Callbacks run on the loop and must be short. A cancelled
/// deadline stays in the heap until it comes due and is then skipped: cancelling is O(1), which matters when every
/// pong of every session cancels one.
/// </summary>
internal sealed partial class TimerLoop : IAsyncDisposable
{
    /// <summary>The longest single wait of the loop.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    /// <summary>The clock every deadline is measured on.</summary>
    private readonly TimeProvider _timeProvider;

    /// <summary>Logs callbacks that throw.</summary>
    private readonly ILogger _logger;

    /// <summary>The clock reading that deadlines are relative to.</summary>
    private readonly long _origin;

    /// <summary>Pending deadlines, earliest first; guarded by itself.</summary>
    private readonly PriorityQueue<TimerHandle, TimeSpan> _queue = new();

    /// <summary>Stops the loop on dispose.</summary>
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The running loop.</summary>
    private readonly Task _loop;

    /// <summary>Cancels the loop's current wait so it re-reads the earliest deadline; guarded by <see cref="_queue"/>.</summary>
    private CancellationTokenSource? _wake;

    public TimerLoop(TimeProvider timeProvider, ILogger logger)
    {
        _timeProvider = timeProvider;
        _logger = logger;
        _origin = timeProvider.GetTimestamp();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Gets the time elapsed since the loop started, on its clock.</summary>
    public TimeSpan Now => _timeProvider.GetElapsedTime(_origin);

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Runs <paramref name="callback"/> once <paramref name="delay"/> has elapsed, unless cancelled first.</summary>
    public TimerHandle Schedule(TimeSpan delay, Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var handle = new TimerHandle(Now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), callback, state);
        CancellationTokenSource? wake = null;
        lock (_queue)
        {
            var isEarliest = !_queue.TryPeek(out _, out var earliest) || handle.Due < earliest;
            _queue.Enqueue(handle, handle.Due);
            if (isEarliest)
            {
                wake = _wake;
                _wake = null;
            }
        }

        wake?.Cancel();
        return handle;
    }

    private async Task RunAsync()
    {
        var due = new List<TimerHandle>();
        while (!_stopping.IsCancellationRequested)
        {
            TimeSpan delay;
            TimeSpan? nextDue;
            CancellationTokenSource wake;
            lock (_queue)
            {
                // Checked under the lock: Stop cancels first and then takes the wake source under it, so either this
                // sees the stop or Stop sees the source.
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                var now = Now;
                while (_queue.TryPeek(out var handle, out var at) && at <= now)
                {
                    _queue.Dequeue();
                    due.Add(handle);
                }

                nextDue = _queue.TryPeek(out _, out var next) ? next : null;
                delay = nextDue is { } earliest ? earliest - now : Timeout.InfiniteTimeSpan;
                if (delay > MaxWait)
                {
                    // Task.Delay takes at most ~49 days; far deadlines are simply re-examined after a long wait.
                    delay = MaxWait;
                }

                // A plain source (no timer, no link) needs no disposal, so whoever cancels it never races a Dispose.
                wake = due.Count > 0 ? null! : (_wake = new CancellationTokenSource());
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
                var waiting = Task.Delay(delay, _timeProvider, wake.Token);
                if (nextDue is { } earliestDue && Now >= earliestDue)
                {
                    // The clock passed the deadline between reading it and arming the wait (a test clock that
                    // jumps can do that): the wait would be late, so go round at once.
                    await wake.CancelAsync().ConfigureAwait(false);
                }

                await waiting.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Woken by an earlier deadline, or stopping.
            }
            finally
            {
                lock (_queue)
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
        if (!handle.TryFire())
        {
            return;
        }

        try
        {
            handle.Callback(handle.State);
        }
#pragma warning disable CA1031 // A failing callback must not stop every other deadline of the server.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CallbackFailed(_logger, ex);
        }
    }

    /// <summary>Gets how many deadlines are in the heap, cancelled ones included (for tests).</summary>
    internal int Count
    {
        get
        {
            lock (_queue)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Stops the loop without waiting for it (host shutdown).</summary>
    public void Stop()
    {
        _stopping.Cancel();
        WakeLoop();
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void WakeLoop()
    {
        CancellationTokenSource? wake;
        lock (_queue)
        {
            wake = _wake;
            _wake = null;
        }

        wake?.Cancel();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "A timer callback threw.", EventName = "TimerCallbackFailed")]
        public static partial void CallbackFailed(ILogger logger, Exception exception);
    }
}
