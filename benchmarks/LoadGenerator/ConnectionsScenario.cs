namespace LoadGenerator;

/// <summary>
/// Opens N WebSocket clients at a bounded rate and holds them. Figures: server CPU per handshake (over the ramp),
/// handshake p50/p99, and server RSS before and after (after a hold) → KiB per connection.
/// </summary>
internal static class ConnectionsScenario
{
    public static async Task<Result> RunAsync(Settings settings, ProcessProbe? server)
    {
        var noLatency = new Histogram();
        using var stop = new CancellationTokenSource();

        // Warm-up: rounds of handshakes, closed again, for the warm-up time, so the JIT and the pools are settled
        // before the baseline.
        var warmupEnd = DateTime.UtcNow + TimeSpan.FromSeconds(settings.WarmupSeconds);
        for (var round = 0; round < 20 && (round == 0 || DateTime.UtcNow < warmupEnd); round++)
        {
            var (warm, _) = await Connector.OpenAsync(settings, Math.Min(500, settings.Clients), noLatency, TimeSpan.FromSeconds(60));
            foreach (var client in warm)
            {
                client.Dispose();
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var rssBefore = server?.RssKiB() ?? 0;

        var latency = new Histogram { Recording = true };
        var meter = Meter.Start(server);
        var ramp = TimeSpan.FromSeconds((settings.Clients / (double)settings.Rate) + 60);
        var (clients, failures) = await Connector.OpenAsync(settings, settings.Clients, latency, ramp);
        var seconds = meter.ElapsedSeconds;
        var serverCpu = meter.ServerCpuSeconds;
        var ownCpu = meter.OwnCpuSeconds;

        // Hold: every client answers pings while we wait for the server's memory to settle.
        var loops = clients.Select(c => c.RunAsync(static (_, _) => ValueTask.CompletedTask, stop.Token)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(settings.HoldSeconds));
        var rssAfter = server?.RssKiB() ?? 0;

        stop.Cancel();
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(30));
        return new Result
        {
            Scenario = "connections",
            Label = settings.Label,
            Clients = settings.Clients,
            Operations = clients.Count,
            Seconds = seconds,
            ServerCpuSeconds = serverCpu,
            LoadGeneratorCpuSeconds = ownCpu,
            P50Ms = latency.PercentileMs(0.50),
            P99Ms = latency.PercentileMs(0.99),
            RssBeforeKiB = rssBefore,
            RssAfterKiB = rssAfter,
            Failures = failures,
        };
    }
}
