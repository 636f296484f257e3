using Microsoft.Extensions.Logging;

namespace SocketIo.Server;

/// <summary>The adapter's lifecycle: initialised once before first use, closed once when the namespace goes away.</summary>
public partial class Namespace
{
    /// <summary>Completes when the adapter's <c>InitAsync</c> ended (a failure is logged, not rethrown).</summary>
    private readonly TaskCompletionSource _adapterReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The close, once started.</summary>
    private Task? _adapterClosing;

    /// <summary>
    /// Gets a task that completes once the adapter is initialised. No socket connects, and no operation of the
    /// namespace reaches the adapter, before it does. Never faults.
    /// </summary>
    internal Task AdapterReady => _adapterReady.Task;

    /// <summary>Starts the adapter; the server calls it once, for the one namespace object it keeps.</summary>
    internal void StartAdapter() => _ = InitAdapterAsync();

    /// <summary>Marks a namespace without an adapter (a dynamic parent, which never holds sockets) as ready.</summary>
    internal void MarkAdapterReady() => _adapterReady.TrySetResult();

    /// <summary>Closes the adapter once, after its start ended; later calls return the same task. Never faults.</summary>
    internal Task CloseAdapterAsync()
    {
        var closing = System.Threading.Volatile.Read(ref _adapterClosing);
        if (closing is not null)
        {
            return closing;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        closing = Interlocked.CompareExchange(ref _adapterClosing, started.Task, null);
        if (closing is not null)
        {
            return closing;
        }

        _ = CloseAdapterCoreAsync(started);
        return started.Task;
    }

    private async Task InitAdapterAsync()
    {
        try
        {
            if (_adapter is not null)
            {
                await _adapter.InitAsync().ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // The namespace still serves its local sockets; the adapter's failure is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AdapterLog.InitFailed(Server.Logger, Name, e);
        }
        finally
        {
            _adapterReady.TrySetResult();
        }
    }

    private async Task CloseAdapterCoreAsync(TaskCompletionSource done)
    {
        try
        {
            await AdapterReady.ConfigureAwait(false);
            if (_adapter is not null)
            {
                await _adapter.CloseAsync().ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Closing goes on for the other namespaces; the failure is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AdapterLog.CloseFailed(Server.Logger, Name, e);
        }
        finally
        {
            done.TrySetResult();
        }
    }

    /// <summary>Waits for the adapter of each namespace an operation goes through; free once they are ready.</summary>
    internal static ValueTask WhenReady(Namespace target) => target.AdapterReady.IsCompleted ? ValueTask.CompletedTask : new ValueTask(target.AdapterReady);

    private static partial class AdapterLog
    {
        [LoggerMessage(210, LogLevel.Error, "The adapter of {Namespace} failed to start; the namespace serves its local sockets only until it recovers.")]
        public static partial void InitFailed(ILogger logger, string @namespace, Exception exception);

        [LoggerMessage(211, LogLevel.Warning, "The adapter of {Namespace} failed to close.")]
        public static partial void CloseFailed(ILogger logger, string @namespace, Exception exception);
    }
}
