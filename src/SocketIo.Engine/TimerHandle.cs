namespace SocketIo.Engine;

/// <summary>
/// A deadline scheduled on a <see cref="TimerLoop"/>. Cancelling it guarantees its callback never runs and removes it
/// from the loop at once, so nothing the callback would have touched stays reachable through the loop.
/// </summary>
public sealed class TimerHandle : IDisposable
{
    private const int Pending = 0;
    private const int Fired = 1;
    private const int Cancelled = 2;

    /// <summary>The loop that holds the deadline until it fires or is cancelled.</summary>
    private readonly TimerLoop _loop;

    /// <summary>Pending, fired or cancelled: whichever of fire and cancel comes first wins.</summary>
    private int _state;

    internal TimerHandle(TimerLoop loop, TimeSpan due, Action<object?> callback, object? state)
    {
        _loop = loop;
        Due = due;
        Callback = callback;
        State = state;
    }

    /// <summary>Gets when the callback is due, on the loop's clock (<see cref="TimerLoop.Now"/>).</summary>
    public TimeSpan Due { get; }

    /// <summary>The callback; dropped once the handle fired or was cancelled.</summary>
    internal Action<object?>? Callback { get; private set; }

    /// <summary>The callback's argument; dropped with it.</summary>
    internal object? State { get; private set; }

    /// <summary>Where the handle sits in the loop's heap, or -1 when it is not there; guarded by the loop's lock.</summary>
    internal int HeapIndex { get; set; } = -1;

    /// <summary>Cancels the deadline.</summary>
    /// <returns><see langword="false"/> if the callback already started or the deadline was already cancelled.</returns>
    public bool Cancel()
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Pending) != Pending)
        {
            return false;
        }

        _loop.Remove(this);
        Callback = null;
        State = null;
        return true;
    }

    /// <summary>Cancels the deadline; the same as <see cref="Cancel"/>.</summary>
    public void Dispose() => Cancel();

    /// <summary>Claims the right to run the callback; false when it was cancelled first.</summary>
    internal bool TryFire(out Action<object?> callback, out object? state)
    {
        callback = Callback!;
        state = State;
        if (Interlocked.CompareExchange(ref _state, Fired, Pending) != Pending)
        {
            return false;
        }

        Callback = null;
        State = null;
        return callback is not null;
    }
}
