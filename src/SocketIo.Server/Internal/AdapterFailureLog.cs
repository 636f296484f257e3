using Microsoft.Extensions.Logging;
using SocketIo.Adapters;

namespace SocketIo.Server.Internal;

/// <summary>
/// Observes the tasks of cluster operations (a broadcast, a join across nodes…) so that a failure is logged even when
/// the caller does not await, and is never an unobserved task exception. While the adapter keeps failing only the first
/// failure is a warning and the rest are debug lines; the next success is logged once. A failure because the adapter's
/// bus is unreachable (<see cref="AdapterUnavailableException"/>) is only a debug line: the adapter logs the outage
/// itself, once when it starts and once when it ends.
/// </summary>
internal sealed partial class AdapterFailureLog(ILogger logger)
{
    /// <summary>1 between a failure and the next success.</summary>
    private int _failing;

    /// <summary>Returns <paramref name="task"/> after arranging for its outcome to be logged.</summary>
    public Task Track(Task task, string operation)
    {
        if (task.IsCompletedSuccessfully)
        {
            Succeeded();
            return task;
        }

        task.ContinueWith(
            static (t, state) =>
            {
                var (log, name) = ((AdapterFailureLog, string))state!;
                if (t.IsFaulted)
                {
                    log.Failed(name, t.Exception!.InnerExceptions.Count == 1 ? t.Exception.InnerException! : t.Exception);
                }
                else if (t.IsCompletedSuccessfully)
                {
                    log.Succeeded();
                }
            },
            (this, operation),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return task;
    }

    private void Succeeded()
    {
        if (Volatile.Read(ref _failing) != 0 && Interlocked.Exchange(ref _failing, 0) != 0)
        {
            Log.Recovered(logger);
        }
    }

    private void Failed(string operation, Exception exception)
    {
        if (exception is AdapterUnavailableException)
        {
            Log.OperationFailedAgain(logger, operation, exception.Message);
            return;
        }

        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            Log.OperationFailed(logger, operation, exception);
        }
        else
        {
            Log.OperationFailedAgain(logger, operation, exception.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(400, LogLevel.Warning, "A cluster operation ({Operation}) failed; until one succeeds, further failures are logged at debug level.")]
        public static partial void OperationFailed(ILogger logger, string operation, Exception exception);

        [LoggerMessage(401, LogLevel.Debug, "A cluster operation ({Operation}) failed again: {Message}")]
        public static partial void OperationFailedAgain(ILogger logger, string operation, string message);

        [LoggerMessage(402, LogLevel.Information, "Cluster operations succeed again.")]
        public static partial void Recovered(ILogger logger);
    }
}
