using Microsoft.Extensions.Logging;
using SocketIo.Engine;

namespace SocketIo.Server.Internal;

/// <summary>
/// Bounds the log lines clients can cause (invalid packets, protocol violations, arguments that do not bind, unknown
/// acknowledgements, handlers failing on their input…), for the whole server: at most <see cref="LinesPerWindow"/>
/// such lines per second, however many clients misbehave and however fast. What is left out is counted and reported
/// in one summary line a second after the first line left out.
/// </summary>
internal sealed partial class ClientLogThrottle
{
    /// <summary>The most client-caused lines written per window.</summary>
    public const int LinesPerWindow = 5;

    /// <summary>The length of a window, and the delay of the summary after the first line left out.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger;
    private readonly TimerLoop _timers;

    /// <summary>Guards the fields below.</summary>
    private readonly Lock _gate = new();

    /// <summary>When the current window began, in <see cref="TimeProvider"/> timestamps.</summary>
    private long _windowStart;

    /// <summary>Lines written in the current window.</summary>
    private int _written;

    /// <summary>Lines left out since the last summary.</summary>
    private long _suppressed;

    /// <summary>A summary is scheduled.</summary>
    private bool _summaryScheduled;

    public ClientLogThrottle(ILogger logger, TimerLoop timers)
    {
        _logger = logger;
        _timers = timers;
        _windowStart = timers.TimeProvider.GetTimestamp();
    }

    /// <summary>
    /// Returns whether a client-caused line at <paramref name="level"/> may be written now; counts it as left out
    /// otherwise. A level the logger does not write costs nothing.
    /// </summary>
    public bool Allow(LogLevel level)
    {
        if (!_logger.IsEnabled(level))
        {
            return false;
        }

        var time = _timers.TimeProvider;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (time.GetElapsedTime(_windowStart, now) >= Window)
            {
                _windowStart = now;
                _written = 0;
            }

            if (_written < LinesPerWindow)
            {
                _written++;
                return true;
            }

            _suppressed++;
            if (_summaryScheduled)
            {
                return false;
            }

            _summaryScheduled = true;
        }

        // The summary is written on the thread pool: the timer loop only hands it over.
        _timers.Schedule(Window, static state => ThreadPool.UnsafeQueueUserWorkItem(static s => ((ClientLogThrottle)s!).WriteSummary(), state), this);
        return false;
    }

    private void WriteSummary()
    {
        long suppressed;
        lock (_gate)
        {
            suppressed = _suppressed;
            _suppressed = 0;
            _summaryScheduled = false;
        }

        if (suppressed > 0)
        {
            Log.Suppressed(_logger, suppressed, LinesPerWindow);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(400, LogLevel.Warning, "{Count} more log lines caused by clients were left out (at most {Limit} a second are written).")]
        public static partial void Suppressed(ILogger logger, long count, int limit);
    }
}
