using System.Diagnostics;
using System.Text;

namespace LoadGenerator;

/// <summary>
/// N WebSocket clients join one room; one more client asks the server, again and again, to broadcast one ~100-byte
/// message to the room (<c>bcast(room, 1, payload)</c>). The payload carries the send time, so each receiver measures
/// the latency from the frame alone. The sender keeps at most <see cref="Settings.Window"/> broadcasts undelivered.
/// Figures: deliveries/s, server CPU per delivery, latency p50/p99. With a second server (<see cref="Settings.Server2"/>,
/// the same cluster through Redis) half of the receivers connect to it: every broadcast then crosses nodes, and the
/// CPU is both servers'. The scenario is then named <c>broadcast-2nodes</c>.
/// </summary>
internal static class BroadcastScenario
{
    private const string Room = "bench";

    public static async Task<Result> RunAsync(Settings settings, ProcessProbe? server)
    {
        var state = new BroadcastState(new Histogram());
        var onFirst = settings.Server2 is null ? settings.Clients : settings.Clients - (settings.Clients / 2);
        var (clients, failures) = await Connector.OpenAsync(settings, onFirst, new Histogram(), TimeSpan.FromSeconds(120));
        if (settings.Server2 is not null)
        {
            var (second, secondFailures) = await Connector.OpenAsync(settings.OnSecondServer(), settings.Clients - onFirst, new Histogram(), TimeSpan.FromSeconds(120));
            clients = [.. clients, .. second];
            failures += secondFailures;
        }

        using var stop = new CancellationTokenSource();
        var loops = new List<Task>(clients.Count + 1);
        var join = Frames.EventWithAck(new byte[64], 1, Frames.EventTail("join", $"\"{Room}\""));
        foreach (var client in clients)
        {
            client.State = state;
            loops.Add(client.RunAsync(OnMessageAsync, stop.Token));
            await client.SendAsync(join, stop.Token);
        }

        // Every receiver acks its join (counted in Joined); bounded wait.
        var joinDeadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 30);
        while (Volatile.Read(ref state.Joined) < clients.Count && Stopwatch.GetTimestamp() < joinDeadline)
        {
            await Task.Delay(10);
        }

        var senders = await Connector.OpenAsync(settings, 1, new Histogram(), TimeSpan.FromSeconds(30));
        using var sender = senders.Clients.Single();
        loops.Add(sender.RunAsync(static (_, _) => ValueTask.CompletedTask, stop.Token));

        var recipients = clients.Count;
        var sent = 0L;
        var buffer = new byte[settings.PayloadLength + 128];
        var warmupEnd = Stopwatch.GetTimestamp() + (long)(settings.WarmupSeconds * Stopwatch.Frequency);
        var meter = default(Meter);
        var before = 0L;
        var measuring = false;
        var end = long.MaxValue;
        var stalled = false;
        while (Stopwatch.GetTimestamp() < end)
        {
            if (!measuring && Stopwatch.GetTimestamp() >= warmupEnd)
            {
                measuring = true;
                before = Interlocked.Read(ref state.Delivered);
                state.Latency.Recording = true;
                meter = Meter.Start(server);
                end = Stopwatch.GetTimestamp() + (long)(settings.DurationSeconds * Stopwatch.Frequency);
            }

            if (!await state.WaitForAsync((sent - settings.Window + 1) * recipients, TimeSpan.FromSeconds(10)))
            {
                stalled = true;
                break;
            }

            sent++;
            var args = $"\"{Room}\",1,{Frames.StampedPayload(Stopwatch.GetTimestamp(), settings.PayloadLength)}";
            await sender.SendAsync(Frames.EventWithAck(buffer, sent, Encoding.UTF8.GetBytes($"[\"bcast\",{args}]")), stop.Token);
        }

        var deliveries = Interlocked.Read(ref state.Delivered) - before;
        var result = meter.Finish(settings.Server2 is null ? "broadcast" : "broadcast-2nodes", settings, deliveries, state.Latency, failures + (stalled ? 1 : 0) + (clients.Count - (int)Volatile.Read(ref state.Joined)));

        stop.Cancel();
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(30));
        return result;
    }

    private static ValueTask OnMessageAsync(WsClient client, ReadOnlyMemory<byte> message)
    {
        var state = (BroadcastState)client.State!;
        var span = message.Span;
        if (span.StartsWith("42[\"msg\""u8))
        {
            var stamp = Frames.Stamp(span);
            if (stamp > 0)
            {
                state.Latency.RecordTicks(Stopwatch.GetTimestamp() - stamp);
            }

            state.OnDelivered();
        }
        else if (Frames.AckId(span) == 1)
        {
            Interlocked.Increment(ref state.Joined);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Counters shared by every receiver, and the sender's wait for deliveries to catch up.</summary>
    private sealed class BroadcastState(Histogram latency)
    {
        public long Delivered;

        public long Joined;

        /// <summary>The delivery count the sender waits for; long.MaxValue when it does not wait.</summary>
        private long _target = long.MaxValue;

        /// <summary>Completed by the receiver whose delivery reaches <see cref="_target"/>.</summary>
        private TaskCompletionSource? _waiter;

        public Histogram Latency { get; } = latency;

        public void OnDelivered()
        {
            var delivered = Interlocked.Increment(ref Delivered);
            if (delivered >= Volatile.Read(ref _target))
            {
                Interlocked.Exchange(ref _waiter, null)?.TrySetResult();
            }
        }

        /// <summary>Waits until <paramref name="target"/> deliveries were seen; false on timeout.</summary>
        public async Task<bool> WaitForAsync(long target, TimeSpan timeout)
        {
            if (Interlocked.Read(ref Delivered) >= target)
            {
                return true;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _waiter, waiter);
            Volatile.Write(ref _target, target);
            if (Interlocked.Read(ref Delivered) >= target)
            {
                waiter.TrySetResult();
            }

            try
            {
                await waiter.Task.WaitAsync(timeout);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
            finally
            {
                Volatile.Write(ref _target, long.MaxValue);
            }
        }
    }
}
