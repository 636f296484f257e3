using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Engine;

/// <summary>
/// The send loop's signal: a waiter resumes on the thread pool, or on the setter's thread when the setter asks, and a
/// resume on the setter's thread does not carry over to the next wait. Each set is made holding a lock, so the waiter
/// can tell whether it ran inside the set (only there is the lock held by its thread).
/// </summary>
public sealed class WakeSignalTests
{
    private readonly Lock _insideSet = new();

    [Fact]
    public async Task A_set_that_asks_for_it_runs_the_waiter_on_its_thread_before_returning()
    {
        var signal = new WakeSignal();
        var waiting = WaitOnceAsync(signal);
        Assert.False(waiting.IsCompleted);

        lock (_insideSet)
        {
            signal.Set(resumeHere: true);
            Assert.True(waiting.IsCompleted);
        }

        Assert.True(await waiting);
    }

    [Fact]
    public async Task A_plain_set_resumes_the_waiter_elsewhere_even_after_a_resume_on_a_setters_thread()
    {
        var signal = new WakeSignal();
        var first = WaitOnceAsync(signal);
        lock (_insideSet)
        {
            signal.Set(resumeHere: true);
        }

        Assert.True(await first);

        var second = WaitOnceAsync(signal);
        lock (_insideSet)
        {
            signal.Set();
        }

        Assert.False(await second.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task A_set_without_a_waiter_is_kept_for_the_next_wait_whichever_way_it_was_asked()
    {
        var signal = new WakeSignal();
        signal.Set(resumeHere: true);

        Assert.True(signal.WaitAsync().AsTask().IsCompleted);
        var next = signal.WaitAsync().AsTask();
        Assert.False(next.IsCompleted);
        signal.Set();
        await next.WaitAsync(TestTimeouts.Default);
    }

    /// <summary>Waits once; true when the continuation ran inside a set (on the setter's thread, under its lock).</summary>
    private async Task<bool> WaitOnceAsync(WakeSignal signal)
    {
        // No synchronization context: the send loop has none, and one would take the continuation's thread away.
        await signal.WaitAsync().ConfigureAwait(false);
        return _insideSet.IsHeldByCurrentThread;
    }
}
