using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace SocketIo.Server.Tests.Diagnostics;

/// <summary>
/// An application's OpenTelemetry wiring, as docs/operations.md shows it, with the in-memory exporter in place of a
/// real one: every <c>SocketIo.*</c> meter and activity source, read back by the tests.
/// </summary>
public sealed class ExportedTelemetry
{
    private readonly LockedCollection<MetricSnapshot> _metrics = new();
    private readonly LockedCollection<Activity> _spans = new();
    private IServiceProvider? _services;

    /// <summary>Gets the spans exported so far (each when it ended).</summary>
    public IReadOnlyList<Activity> Spans => _spans.Snapshot();

    /// <summary>Adds OpenTelemetry with the in-memory exporters to a host.</summary>
    public void AddTo(WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter("SocketIo.*").AddInMemoryExporter(_metrics))
            .WithTracing(tracing => tracing.AddSource("SocketIo.*").SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(_spans));
    }

    /// <summary>Remembers the started host's services, where the meter provider lives.</summary>
    public void Attach(IServiceProvider services) => _services = services;

    /// <summary>Collects every instrument now and returns the snapshot of <paramref name="name"/>, or null when it recorded nothing.</summary>
    public MetricSnapshot? Collect(string name)
    {
        var provider = _services?.GetRequiredService<MeterProvider>() ?? throw new InvalidOperationException("Attach the host first.");
        Assert.True(provider.ForceFlush((int)Infrastructure.TestTimeouts.Default.TotalMilliseconds), "the metrics were not collected in time");
        var latest = _metrics.Snapshot().LastOrDefault(m => m.Name == name);
        _metrics.Clear();
        return latest;
    }

    /// <summary>
    /// Collects now and adds up <paramref name="name"/>: a counter's sums, a histogram's counts or an up-down counter's
    /// values, over the points whose tags include each of <paramref name="tags"/> (a tag given a null value must be absent).
    /// </summary>
    public long Total(string name, params (string Key, string? Value)[] tags)
    {
        if (Collect(name) is not { } snapshot)
        {
            return 0;
        }

        long total = 0;
        foreach (var point in snapshot.MetricPoints)
        {
            if (Matches(point, tags))
            {
                total += snapshot.MetricType == MetricType.Histogram ? point.GetHistogramCount() : point.GetSumLong();
            }
        }

        return total;
    }

    /// <summary>Whether a point carries every tag asked for; a tag asked with a null value must be absent.</summary>
    public static bool Matches(MetricPoint point, (string Key, string? Value)[] tags)
    {
        var present = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            present[tag.Key] = tag.Value?.ToString();
        }

        return tags.All(t => t.Value is null ? !present.ContainsKey(t.Key) : present.TryGetValue(t.Key, out var v) && v == t.Value);
    }
}
