using System.Diagnostics;
using System.Globalization;

namespace LoadGenerator;

/// <summary>
/// <see cref="EchoScenario"/> over long-polling: each client POSTs <c>42{id}["echo",payload]</c> and its pending
/// GET brings back <c>43{id}[payload]</c>. Figures: acks/s, server CPU per round trip, p50/p99.
/// </summary>
internal static class PollingEchoScenario
{
    public static async Task<Result> RunAsync(Settings settings, ProcessProbe? server)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 4 * settings.Clients,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        using var stop = new CancellationTokenSource();

        var clients = new List<PollingClient>(settings.Clients);
        var failures = 0;
        for (var i = 0; i < settings.Clients; i++)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                clients.Add(await PollingClient.ConnectAsync(http, settings.PollingUri, timeout.Token));
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException)
            {
                failures++;
            }
        }

        var tail = $"[\"echo\",{Frames.StampedPayload(0, settings.PayloadLength)}]";
        var latency = new Histogram();
        long acks = 0;
        var loops = new List<Task>(clients.Count);

        void SendNext(PollingClient client)
        {
            client.Counter++;
            client.Stamp = Stopwatch.GetTimestamp();
            client.Post(string.Create(CultureInfo.InvariantCulture, $"42{client.Counter}{tail}"), stop.Token);
        }

        void OnPacket(PollingClient client, string packet)
        {
            if (Frames.AckId(System.Text.Encoding.UTF8.GetBytes(packet)) != client.Counter)
            {
                return;
            }

            latency.RecordTicks(Stopwatch.GetTimestamp() - client.Stamp);
            Interlocked.Increment(ref acks);
            SendNext(client);
        }

        foreach (var client in clients)
        {
            loops.Add(client.RunAsync(OnPacket, stop.Token));
            SendNext(client);
        }

        await Task.Delay(TimeSpan.FromSeconds(settings.WarmupSeconds));
        var before = Interlocked.Read(ref acks);
        latency.Recording = true;
        var meter = Meter.Start(server);
        await Task.Delay(TimeSpan.FromSeconds(settings.DurationSeconds));
        var done = Interlocked.Read(ref acks) - before;
        var result = meter.Finish("polling-echo", settings, done, latency, failures);

        stop.Cancel();
        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(30));
        return result;
    }
}
