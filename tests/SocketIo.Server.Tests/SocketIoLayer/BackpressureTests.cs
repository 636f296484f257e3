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
        var producerWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outcome = new TaskCompletionSource<(bool WhileWaiting, bool AfterLeaving)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io => io.OnConnection(async socket =>
            {
                // The whole stream at once: far more than the kernel's socket buffers take for a client that does not
                // read, so the buffer cannot drain while the client is there and the wait can only end by its leaving.
                // (Waiting after the first send that did not drain at once raced the kernel, which took it a moment later.)
                for (var i = 0; i < ChunkCount; i++)
                {
                    socket.Emit("chunk", i, Chunk);
                }

                var wait = socket.WaitForDrainAsync(0);
                producerWaiting.TrySetResult();
                var whileWaiting = await wait.AsTask().WaitAsync(TestTimeouts.Default);
                var afterLeaving = await socket.WaitForDrainAsync(0);
                outcome.TrySetResult((whileWaiting, afterLeaving));
            }),
            o =>
            {
                o.MaxHttpBufferSize = 64 * 1024;
                o.MaxBufferedBytes = 2L * ChunkCount * Chunk.Length;
            });
        var client = await RawSocketIoClient.ConnectAsync(server.Host);
        await client.SendAsync("40");
        await producerWaiting.Task.WaitAsync(TestTimeouts.Default);

        client.Abort();

        Assert.Equal((false, false), await outcome.Task.WaitAsync(TestTimeouts.Default));
        await client.DisposeAsync();
    }
}
