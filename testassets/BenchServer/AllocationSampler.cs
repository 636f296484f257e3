using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

/// <summary>
/// For allocation investigations only (<c>BENCH_DIAGNOSTICS=alloc</c>, never in benchmark runs): listens to the
/// runtime's allocation ticks (one event per ~100 KB allocated, naming the type that crossed the mark), so that bytes
/// per type can be estimated without a profiler attached. <c>GET /allocations</c> answers, as plain text, the bytes
/// allocated since start (exact, all threads) and the sampled bytes per type, largest first; two snapshots taken
/// around a scenario give what one operation allocates (benchmarks/allocations-per-handshake.sh).
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTickEventId = 10;
    private const long GcKeyword = 0x1;

    private readonly ConcurrentDictionary<string, long> _sampledBytes = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AllocationTickEventId || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var typeName = payload[names.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(payload[names.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        _sampledBytes.AddOrUpdate(typeName, amount, (_, total) => total + amount);
    }

    /// <summary>The bytes allocated since start (exact, all threads) and the sampled bytes per type so far.</summary>
    public (long Total, Dictionary<string, long> Types) Snapshot()
        => (GC.GetTotalAllocatedBytes(precise: true), new Dictionary<string, long>(_sampledBytes, StringComparer.Ordinal));

    /// <summary>The report: total allocated bytes, then one line per type, "sampled-bytes type".</summary>
    public string Report()
    {
        var (total, types) = Snapshot();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"total {total}\n");
        foreach (var (type, bytes) in types.OrderByDescending(entry => entry.Value))
        {
            text.Append(CultureInfo.InvariantCulture, $"{bytes} {type}\n");
        }

        return text.ToString();
    }
}
