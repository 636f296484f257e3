namespace LoadGenerator;

/// <summary>
/// A lock-free latency histogram: 10 µs buckets up to 10 ms, then 1 ms buckets up to 10 s; anything slower lands in
/// the last bucket. Precise enough for p50/p99 of loopback round trips, and one array for every client.
/// </summary>
internal sealed class Histogram
{
    private const int FineBuckets = 1_000;      // 0..10 ms in 10 µs steps
    private const int CoarseBuckets = 9_991;    // 10 ms..10 s in 1 ms steps, plus overflow

    /// <summary>Counts per bucket, incremented with Interlocked.</summary>
    private readonly long[] _counts = new long[FineBuckets + CoarseBuckets];

    /// <summary>Whether samples are recorded (only inside the measurement window).</summary>
    public bool Recording { get; set; }

    public long Count
    {
        get
        {
            long total = 0;
            foreach (var c in _counts)
            {
                total += c;
            }

            return total;
        }
    }

    public void RecordTicks(long stopwatchTicks)
    {
        if (!Recording)
        {
            return;
        }

        var micros = stopwatchTicks * 1_000_000 / System.Diagnostics.Stopwatch.Frequency;
        int index;
        if (micros < 10_000)
        {
            index = (int)Math.Max(0, micros / 10);
        }
        else
        {
            index = (int)Math.Min(FineBuckets + ((micros - 10_000) / 1_000), _counts.Length - 1);
        }

        Interlocked.Increment(ref _counts[index]);
    }

    /// <summary>The latency at quantile <paramref name="q"/> (0..1) in milliseconds: the upper edge of its bucket.</summary>
    public double PercentileMs(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return i < FineBuckets ? (i + 1) * 0.01 : 10 + (i - FineBuckets + 1);
            }
        }

        return double.PositiveInfinity;
    }
}
