using Microsoft.Extensions.Logging.Abstractions;
using SocketIo.Server.Engine;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Engine;

public sealed class TimerLoopTests
{
    [Fact]
    public async Task Callbacks_run_in_deadline_order_when_time_advances()
    {
        var clock = new ManualTimeProvider();
        await using var loop = new TimerLoop(clock, NullLogger.Instance);
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
        await using var loop = new TimerLoop(clock, NullLogger.Instance);
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
        await using var loop = new TimerLoop(clock, NullLogger.Instance);
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
        await using var loop = new TimerLoop(clock, NullLogger.Instance);
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
        await using var loop = new TimerLoop(clock, NullLogger.Instance);
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Schedule(TimeSpan.Zero, _ => ran.TrySetResult(), null);
        await ran.Task.WaitAsync(TestTimeouts.Default);
    }
}
