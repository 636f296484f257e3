using Microsoft.Extensions.Logging.Abstractions;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Engine;

public sealed class TimerLoopTests
{
    [Fact]
    public async Task Callbacks_run_in_deadline_order_when_time_advances()
    {
        var clock = new ManualTimeProvider();
        using var loop = new TimerLoop(clock, NullLogger.Instance);
        var fired = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Schedule(TimeSpan.FromSeconds(3), s => { fired.Enqueue((string)s!); third.TrySetResult(); }, "c");
        loop.Schedule(TimeSpan.FromSeconds(1), s => fired.Enqueue((string)s!), "a");
        loop.Schedule(TimeSpan.FromSeconds(2), s => fired.Enqueue((string)s!), "b");

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(fired);

        clock.Advance(TimeSpan.FromSeconds(5));
        await third.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal(["a", "b", "c"], fired);
    }

    [Fact]
    public async Task An_earlier_deadline_wakes_the_loop()
    {
        var clock = new ManualTimeProvider();
        using var loop = new TimerLoop(clock, NullLogger.Instance);
        var late = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var early = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Schedule(TimeSpan.FromHours(1), _ => late.TrySetResult(), null);
        await clock.WaitForTimersAsync(1);
        loop.Schedule(TimeSpan.FromSeconds(1), _ => early.TrySetResult(), null);
        clock.Advance(TimeSpan.FromSeconds(1));
        await early.Task.WaitAsync(TestTimeouts.Default);
        Assert.False(late.Task.IsCompleted);
    }

    [Fact]
    public async Task A_cancelled_deadline_never_runs()
    {
        var clock = new ManualTimeProvider();
        using var loop = new TimerLoop(clock, NullLogger.Instance);
        var cancelledRan = false;
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handle = loop.Schedule(TimeSpan.FromSeconds(1), _ => cancelledRan = true, null);
        loop.Schedule(TimeSpan.FromSeconds(2), _ => after.TrySetResult(), null);
        Assert.True(handle.Cancel());
        Assert.False(handle.Cancel());
        clock.Advance(TimeSpan.FromSeconds(2));
        await after.Task.WaitAsync(TestTimeouts.Default);
        Assert.False(cancelledRan);
    }

    [Fact]
    public async Task A_throwing_callback_does_not_stop_the_loop()
    {
        var clock = new ManualTimeProvider();
        using var loop = new TimerLoop(clock, NullLogger.Instance);
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Schedule(TimeSpan.FromSeconds(1), _ => throw new InvalidOperationException("expected"), null);
        loop.Schedule(TimeSpan.FromSeconds(1), _ => after.TrySetResult(), null);
        clock.Advance(TimeSpan.FromSeconds(1));
        await after.Task.WaitAsync(TestTimeouts.Default);
    }

    [Fact]
    public async Task A_due_deadline_runs_without_advancing()
    {
        var clock = new ManualTimeProvider();
        using var loop = new TimerLoop(clock, NullLogger.Instance);
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Schedule(TimeSpan.Zero, _ => ran.TrySetResult(), null);
        await ran.Task.WaitAsync(TestTimeouts.Default);
    }

    [Fact]
    public void A_cancelled_deadline_leaves_the_heap_at_once()
    {
        var clock = new ManualTimeProvider();
        using var loop = new TimerLoop(clock, NullLogger.Instance);
        var handles = Enumerable.Range(1, 50).Select(i => loop.Schedule(TimeSpan.FromSeconds(1 + (i % 7)), static _ => { }, new object())).ToList();
        Assert.Equal(50, loop.Count);

        // Cancel in an order that exercises removal from the middle, the end and the top of the heap.
        foreach (var handle in handles.Where((_, i) => i % 3 != 0))
        {
            Assert.True(handle.Cancel());
        }

        Assert.Equal(17, loop.Count);
        foreach (var handle in handles.Where((_, i) => i % 3 == 0))
        {
            handle.Dispose();
        }

        Assert.Equal(0, loop.Count);
    }

    [Fact]
    public async Task Deadlines_left_after_cancellations_still_run_in_order()
    {
        var clock = new ManualTimeProvider();
        using var loop = new TimerLoop(clock, NullLogger.Instance);
        var fired = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handles = new List<TimerHandle>();
        for (var i = 20; i >= 1; i--)
        {
            var n = i;
            handles.Add(loop.Schedule(TimeSpan.FromSeconds(n), _ =>
            {
                fired.Enqueue(n);
                if (n == 19)
                {
                    last.TrySetResult();
                }
            }, null));
        }

        // Keep the odd ones.
        foreach (var handle in handles.Where((_, i) => i % 2 == 0))
        {
            handle.Cancel();
        }

        clock.Advance(TimeSpan.FromSeconds(30));
        await last.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal([1, 3, 5, 7, 9, 11, 13, 15, 17, 19], fired);
    }
}
