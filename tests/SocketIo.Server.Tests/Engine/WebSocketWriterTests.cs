using System.Net.WebSockets;
using System.Text;
using SocketIo.Engine;
using SocketIo.Protocol.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

/// <summary>
/// The WebSocket writer under senders on many threads (some writing on their own threads when it is idle), a client
/// that stops reading and a close in the middle: one writer at a time, a sender never waits on the client, the
/// buffer's byte count follows what was written, and nothing is lost, doubled or reordered.
/// </summary>
public sealed class WebSocketWriterTests(ITestOutputHelper output)
{
    private static EngineFrame Text(string packet) => EngineFrame.Text(Encoding.UTF8.GetBytes(packet));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_senders_each_arrive_in_order_with_their_groups_adjacent(bool halfWriteThemselves)
    {
        await using var server = await EngineTestServer.StartAsync(output);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        var session = await server.Handler.NextSessionAsync();
        const int senders = 8;
        const int groups = 200;

        // The client reads while the senders run, so the writer keeps passing between idle and busy.
        var reading = Task.Run(async () =>
        {
            var received = new List<(string Text, byte[]? Binary)>();
            while (received.Count < senders * groups * 2)
            {
                var (type, data) = await socket.ReceiveMessageAsync();
                received.Add(type == WebSocketMessageType.Text ? (Encoding.UTF8.GetString(data), null) : (string.Empty, data));
            }

            return received;
        });
        var sending = Enumerable.Range(0, senders).Select(i => Task.Run(() =>
        {
            for (var j = 0; j < groups; j++)
            {
                EngineFrame[] group = [Text($"4{i}:{j}"), EngineFrame.Binary(new[] { (byte)i, (byte)j })];
                // With halfWriteThemselves, the odd senders write on their own threads whenever the writer is idle.
                Assert.Equal(EngineSendResult.Queued, halfWriteThemselves && i % 2 == 1 ? session.Connection.SendAndWrite(group) : session.Connection.Send(group));
            }
        })).ToArray();
        await Task.WhenAll(sending).WaitAsync(TestTimeouts.Default);
        var messages = await reading.WaitAsync(TestTimeouts.Default);

        var next = new int[senders];
        for (var k = 0; k < messages.Count; k += 2)
        {
            var parts = messages[k].Text[1..].Split(':');
            var (i, j) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(next[i]++, j);
            Assert.Equal(new[] { (byte)i, (byte)j }, messages[k + 1].Binary);
        }

        Assert.All(next, n => Assert.Equal(groups, n));
        await EngineTestServer.WaitUntilAsync(() => session.Connection.BufferedBytes == 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_that_stops_reading_never_blocks_a_sender_and_gets_everything_once_it_reads(bool writeThemselves)
    {
        const int frames = 256;
        const int size = 128 * 1024;
        await using var server = await EngineTestServer.StartAsync(output, o => o.MaxBufferedBytes = 2L * frames * size);
        using var socket = await server.ConnectWebSocketAsync("transport=websocket");
        await socket.ReceiveTextAsync();
        var session = await server.Handler.NextSessionAsync();
        var filler = new string('x', size);

        // 32 MiB while the client reads nothing: more than the kernel's socket buffers and Kestrel's output buffer
        // hold, so a write stops completing at once and the rest waits in the session. Every send still returns, a
        // sender that writes on its own thread (writeThemselves) included: its write is left to the writer.
        var sending = Task.Run(() =>
        {
            for (var i = 0; i < frames; i++)
            {
                EngineFrame[] frame = [Text($"4{i:D4}{filler}")];
                Assert.Equal(EngineSendResult.Queued, writeThemselves ? session.Connection.SendAndWrite(frame) : session.Connection.Send(frame));
            }
        });
        await sending.WaitAsync(TestTimeouts.Default);

        // What the socket could not take is still counted, and a producer waiting for the drain waits until it went.
        Assert.True(session.Connection.BufferedBytes > frames * size / 2, $"buffered {session.Connection.BufferedBytes}");
        var drained = session.Connection.WaitForDrainAsync(0).AsTask();
        Assert.False(drained.IsCompleted);
        Assert.True(await session.Connection.WaitForDrainAsync(long.MaxValue).AsTask().WaitAsync(TestTimeouts.Default));

        for (var i = 0; i < frames; i++)
        {
            var text = await socket.ReceiveTextAsync();
            Assert.Equal($"4{i:D4}", text[..5]);
            Assert.Equal(size + 5, text.Length);
        }

        Assert.True(await drained.WaitAsync(TestTimeouts.Default));
        Assert.Equal(0, session.Connection.BufferedBytes);
        Assert.True(session.Connection.IsOpen);

        // And the writer is idle again: the next send is written and arrives.
        Assert.Equal(EngineSendResult.Queued, session.Connection.Send([Text("4after")]));
        Assert.Equal("4after", await socket.ReceiveTextAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_close_while_senders_write_ends_the_socket_after_an_in_order_prefix_of_each_sender(bool flush)
    {
        const int senders = 4;
        const int most = 2000;
        // A flushing close is bounded by the ping timeout (200 ms in the test server), which a loaded machine can take
        // to write a few thousand frames: the bound here is the test's own.
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.MaxBufferedBytes = 64L * 1024 * 1024;
            o.PingTimeout = TestTimeouts.Default;
        });

        // Several rounds: the close lands at a different point of the inline writes each time.
        for (var round = 0; round < 8; round++)
        {
            using var socket = await server.ConnectWebSocketAsync("transport=websocket");
            await socket.ReceiveTextAsync();
            var session = await server.Handler.NextSessionAsync();
            var reading = Task.Run(async () =>
            {
                var received = new List<string>();
                for (var k = 0; k < (senders * most) + 2; k++)
                {
                    var (type, data) = await socket.ReceiveMessageAsync();
                    if (type == WebSocketMessageType.Close)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TestTimeouts.Default);
                        return received;
                    }

                    received.Add(Encoding.UTF8.GetString(data));
                }

                throw new InvalidOperationException("the server sent more than was queued");
            });

            using var started = new CountdownEvent(senders);
            var sending = Enumerable.Range(0, senders).Select(i => Task.Run(() =>
            {
                for (var j = 0; j < most; j++)
                {
                    if (j == 20)
                    {
                        started.Signal();
                    }

                    var result = session.Connection.Send([Text($"4{i}:{j}")]);
                    if (result != EngineSendResult.Queued)
                    {
                        Assert.Equal(EngineSendResult.Closed, result);
                        return j;
                    }
                }

                return most;
            })).ToArray();
            Assert.True(started.Wait(TestTimeouts.Default));
            if (flush)
            {
                session.Connection.Close();
            }
            else
            {
                ((EngineSession)session.Connection).CloseNow(EngineCloseReasons.ForcedClose);
            }

            var queued = await Task.WhenAll(sending).WaitAsync(TestTimeouts.Default);
            var messages = await reading.WaitAsync(TestTimeouts.Default);

            if (flush)
            {
                // Everything queued before the close, then the close packet, then nothing.
                Assert.Equal("1", messages[^1]);
                messages.RemoveAt(messages.Count - 1);
                Assert.Equal(queued.Sum(), messages.Count);
            }

            var next = new int[senders];
            foreach (var message in messages)
            {
                var parts = message[1..].Split(':');
                var (i, j) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(next[i]++, j);
            }

            Assert.All(Enumerable.Range(0, senders), i => Assert.True(next[i] <= queued[i]));
            Assert.Equal(0, session.Connection.BufferedBytes);
            Assert.False(session.Connection.IsOpen);
        }
    }
}
