namespace LoadGenerator;

/// <summary>One scenario's figures: printed as one JSON line, read back by <c>summarize</c>.</summary>
internal sealed record Result
{
    public required string Scenario { get; init; }

    public required string Label { get; init; }

    /// <summary>Which load generator measured: <c>dotnet</c> (this one) or <c>ws</c> (benchmarks/node-loadgen).</summary>
    public string Generator { get; init; } = "dotnet";

    public required int Clients { get; init; }

    /// <summary>Operations in the window: handshakes, deliveries or acknowledgements.</summary>
    public required long Operations { get; init; }

    public required double Seconds { get; init; }

    public required double ServerCpuSeconds { get; init; }

    public required double LoadGeneratorCpuSeconds { get; init; }

    public required double P50Ms { get; init; }

    public required double P99Ms { get; init; }

    public long RssBeforeKiB { get; init; }

    public long RssAfterKiB { get; init; }

    public int Failures { get; init; }

    public double OpsPerSecond => Seconds > 0 ? Operations / Seconds : 0;

    public double ServerCpuMicrosPerOp => Operations > 0 ? ServerCpuSeconds * 1e6 / Operations : double.NaN;

    public double LoadGeneratorCpuMicrosPerOp => Operations > 0 ? LoadGeneratorCpuSeconds * 1e6 / Operations : double.NaN;

    public double KiBPerConnection => RssAfterKiB > 0 && Operations > 0 ? (double)(RssAfterKiB - RssBeforeKiB) / Operations : double.NaN;
}
