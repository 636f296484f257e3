namespace SocketIo.Server.Engine;

/// <summary>A deadline scheduled on a <see cref="TimerLoop"/>; cancel it to make sure its callback never runs.</summary>
internal sealed class TimerHandle : IDisposable
{
    /// <summary>0 pending, 1 fired, 2 cancelled: whichever of fire and cancel comes first wins.</summary>
    private int _state;

    internal TimerHandle(TimeSpan due, Action<object?> callback, object? state)
    {
        Due = due;
        Callback = callback;
        State = state;
    }

    /// <summary>Gets when the callback is due, on the loop's clock.</summary>
    internal TimeSpan Due { get; }

    internal Action<object?> Callback { get; }

    internal object? State { get; }

    /// <summary>Cancels the deadline; returns <see langword="false"/> if the callback already started.</summary>
    public bool Cancel()
    {
        // The entry stays in the loop's heap and is skipped when it comes due.
        return Interlocked.CompareExchange(ref _state, 2, 0) == 0;
    }

    /// <inheritdoc/>
    public void Dispose() => Cancel();

    internal bool TryFire() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;
}
