namespace SocketIo.Server.Internal;

/// <summary>An <see cref="IScheduler"/> on a <see cref="TimeProvider"/>'s one-shot timers.</summary>
internal sealed class TimeProviderScheduler(TimeProvider timeProvider) : IScheduler
{
    public IDisposable Schedule(TimeSpan delay, Action callback)
        => timeProvider.CreateTimer(static state => ((Action)state!)(), callback, delay, Timeout.InfiniteTimeSpan);
}
