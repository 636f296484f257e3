using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>
/// A producer that awaits <see cref="Socket.WaitForDrainAsync"/> slows down to a client that stops reading instead of
/// having it disconnected for a full outbound buffer.
/// </summary>
public sealed class BackpressureTests(ITestOutputHelper output)
{
    private const int MaxBufferedBytes = 256 * 1024;
    private const int Threshold = 64 * 1024;
    private const int ChunkCount = 1000;

    /// <summary>How many chunks the producer may send before the server notices an aborted client (a bound; it notices in milliseconds).</summary>
    private const int MaxChunksUntilNoticed = 1_000_000;

    /// <summary>32 KiB a message: the whole stream (32 MB) is far more than the bound and the kernel's socket buffers.</summary>
    private static readonly string Chunk = new('x', 32 * 1024);

    [Fact]
    public async Task A_producer_that_waits_for_room_sends_everything_in_order_to_a_client_that_paused_reading()
    {
        var producerWaited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mostBuffered = 0L;
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io => io.OnConnection(async socket =>
            {
                for (var i = 0; i < ChunkCount; i++)
                {
                    socket.Emit("chunk", i, Chunk);
                    mostBuffered = Math.Max(mostBuffered, socket.BufferedBytes);
                    var wait = socket.WaitForDrainAsync(Threshold);
                    if (!wait.IsCompleted)
                    {
                        producerWaited.TrySetResult();
                    }

                    Assert.True(await wait.AsTask().WaitAsync(TestTimeouts.Default), "The socket disconnected while the producer waited.");
                    Assert.True(socket.BufferedBytes <= Threshold);
                }

                socket.Emit("done", mostBuffered);
            }),
            o =>
            {
                o.MaxHttpBufferSize = 64 * 1024;
                o.MaxBufferedBytes = MaxBufferedBytes;
            });
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host);
        await client.SendAsync("40");

        // The client reads nothing until the producer had to wait for it.
        await producerWaited.Task.WaitAsync(TestTimeouts.Default);

        Assert.StartsWith("40{", await client.ReceiveTextAsync());
        for (var i = 0; i < ChunkCount; i++)
        {
            var packet = await client.ReceiveTextAsync().WaitAsync(TestTimeouts.Default);
            Assert.StartsWith($"42[\"chunk\",{i},\"xxx", packet, StringComparison.Ordinal);
        }

        var done = await client.ReceiveTextAsync().WaitAsync(TestTimeouts.Default);
        var reported = long.Parse(done["42[\"done\",".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(reported, Chunk.Length, MaxBufferedBytes);
    }

    [Fact]
    public async Task A_wait_ends_with_false_when_the_client_goes_away_and_at_once_after_it_left()
    {
        var producing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outcome = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io => io.OnConnection(async socket =>
            {
                // Waits may still end with room while the client's socket buffers take the first chunks, and after the
                // abort too until the server reads it (Kestrel drops writes to a connection it saw fail, so they still
                // drain): the loop is bounded by time, not by what the buffers hold. Once the socket is gone, a wait
                // ends with false, and so does every later one, at once.
                var deadline = DateTime.UtcNow + TestTimeouts.Default;
                for (var i = 0; i < MaxChunksUntilNoticed && DateTime.UtcNow < deadline; i++)
                {
                    socket.Emit("chunk", i, Chunk);
                    producing.TrySetResult();
                    if (!await socket.WaitForDrainAsync(0).AsTask().WaitAsync(TestTimeouts.Default))
                    {
                        var afterLeaving = socket.WaitForDrainAsync(0);
                        outcome.TrySetResult(afterLeaving.IsCompleted && !afterLeaving.Result);
                        return;
                    }
                }

                outcome.TrySetException(new InvalidOperationException("Waits went on ending with room although the client went away."));
            }),
            o =>
            {
                o.MaxHttpBufferSize = 64 * 1024;
                o.MaxBufferedBytes = MaxBufferedBytes;
            });
        var client = await RawSocketIoClient.ConnectAsync(server.Host);
        await client.SendAsync("40");
        await producing.Task.WaitAsync(TestTimeouts.Default);

        client.Abort();

        Assert.True(await outcome.Task.WaitAsync(TestTimeouts.Default), "A wait after the socket left did not end at once with false.");
        await client.DisposeAsync();
    }
}
