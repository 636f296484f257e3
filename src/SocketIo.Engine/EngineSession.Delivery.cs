namespace SocketIo.Engine;

/// <summary>
/// The delivery turn: handler calls run one at a time (messages in arrival order, then <c>OnClosed</c> once). Two
/// fields under <see cref="Gate"/> rather than a semaphore object: every held connection keeps the turn, and almost
/// never waits for it.
/// </summary>
internal sealed partial class EngineSession
{
    /// <summary>A handler call holds the turn; guarded by <see cref="Gate"/>.</summary>
    private bool _delivering;

    /// <summary>Calls waiting for the turn, first come first served; guarded by <see cref="Gate"/>, created on first wait.</summary>
    private Queue<TaskCompletionSource>? _deliveryWaiters;

    /// <summary>Completes when the caller holds the turn; <see cref="ExitDelivery"/> gives it up.</summary>
    private ValueTask EnterDeliveryAsync()
    {
        TaskCompletionSource turn;
        lock (Gate)
        {
            if (!_delivering)
            {
                _delivering = true;
                return ValueTask.CompletedTask;
            }

            // Continuations run asynchronously: the next handler call must not run on the thread giving up the turn.
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (_deliveryWaiters ??= new Queue<TaskCompletionSource>()).Enqueue(turn);
        }

        return new ValueTask(turn.Task);
    }

    /// <summary>Hands the turn to the longest waiting call, or frees it.</summary>
    private void ExitDelivery()
    {
        TaskCompletionSource? next;
        lock (Gate)
        {
            if (_deliveryWaiters is null || !_deliveryWaiters.TryDequeue(out next))
            {
                _delivering = false;
                return;
            }
        }

        next.SetResult();
    }
}
