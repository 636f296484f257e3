using System.Diagnostics;

namespace LoadGenerator;

/// <summary>
/// N WebSocket clients, each in a closed loop of <c>echo(payload)</c> with an acknowledgement: the next emit goes
/// out from the receive loop as soon as the ack arrives. Figures: acks/s, server CPU per round trip, p50/p99.
/// </summary>
internal static class EchoScenario
{
    public static async Task<Result> RunAsync(Settings settings, ProcessProbe? server)
    {
        var (clients, failures) = await Connector.OpenAsync(settings, settings.Clients, new Histogram(), TimeSpan.FromSeconds(120));
        var tail = Frames.EventTail("echo", Frames.StampedPayload(0, settings.PayloadLength));
        var state = new EchoState(new Histogram(), tail);
        using var stop = new CancellationTokenSource();
        var loops = new List<Task>(clients.Count);
        foreach (var client in clients)
        {
            client.State = state;
            client.SendBuffer = new byte[tail.Length + 24];
            loops.Add(client.RunAsync(OnMessageAsync, stop.Token));
            await SendNextAsync(client, state, stop.Token);
        }

        await Task.Delay(TimeSpan.FromSeconds(settings.WarmupSeconds));
        var before = Interlocked.Read(ref state.Acks);
        state.Latency.Recording = true;
        var meter = Meter.Start(server);
        await Task.Delay(TimeSpan.FromSeconds(settings.DurationSeconds));
        var acks = Interlocked.Read(ref state.Acks) - before;
        var result = meter.Finish("echo", settings, acks, state.Latency, failures);

        stop.Cancel();
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(30));
        return result;
    }

    private static async ValueTask OnMessageAsync(WsClient client, ReadOnlyMemory<byte> message)
    {
        var state = (EchoState)client.State!;
        if (Frames.AckId(message.Span) != client.Counter)
        {
            return;
        }

        state.Latency.RecordTicks(Stopwatch.GetTimestamp() - client.Stamp);
        Interlocked.Increment(ref state.Acks);
        await SendNextAsync(client, state, CancellationToken.None);
    }

    private static ValueTask SendNextAsync(WsClient client, EchoState state, CancellationToken cancellationToken)
    {
        client.Counter++;
        client.Stamp = Stopwatch.GetTimestamp();
        return client.SendAsync(Frames.EventWithAck(client.SendBuffer, client.Counter, state.Tail), cancellationToken);
    }

    private sealed class EchoState(Histogram latency, byte[] tail)
    {
        public long Acks;

        public Histogram Latency { get; } = latency;

        public byte[] Tail { get; } = tail;
    }
}
