using System.Diagnostics;

namespace LoadGenerator;

/// <summary>Opens WebSocket clients at a bounded rate with a bounded number of handshakes in flight.</summary>
internal static class Connector
{
    /// <summary>
    /// Opens <paramref name="count"/> clients, at most <paramref name="rate"/> per second; each handshake's time
    /// (TCP connect to the Socket.IO CONNECT reply) goes to <paramref name="latency"/>. Gives up after
    /// <paramref name="timeout"/>. Returns the clients that connected and the number that failed.
    /// </summary>
    public static async Task<(List<WsClient> Clients, int Failures)> OpenAsync(
        Settings settings, int count, Histogram latency, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var pending = new SemaphoreSlim(settings.MaxPending);
        var clients = new WsClient?[count];
        var failures = 0;
        var tasks = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count && !cts.IsCancellationRequested; i++)
        {
            // Pace: client i may start at i / rate seconds.
            var due = TimeSpan.FromSeconds((double)i / settings.Rate) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(due, cts.Token).ConfigureAwait(false);
            }

            await pending.WaitAsync(cts.Token).ConfigureAwait(false);
            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                var begin = Stopwatch.GetTimestamp();
                try
                {
                    clients[index] = await WsClient.ConnectAsync(settings.WebSocketUri, cts.Token).ConfigureAwait(false);
                    latency.RecordTicks(Stopwatch.GetTimestamp() - begin);
                }
#pragma warning disable CA1031 // A failed handshake is counted, not fatal.
                catch (Exception)
#pragma warning restore CA1031
                {
                    Interlocked.Increment(ref failures);
                }
                finally
                {
                    pending.Release();
                }
            }));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        var open = clients.Where(c => c is not null).Select(c => c!).ToList();
        return (open, failures + (count - tasks.Count));
    }
}
