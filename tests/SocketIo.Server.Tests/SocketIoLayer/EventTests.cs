using System.Collections.Concurrent;
using System.Text.Json;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>Events, typed binding, acknowledgements both ways, binary data and catch-all listeners.</summary>
public sealed class EventTests(ITestOutputHelper output)
{
    private sealed record Point(int X, int Y, string Label);

    private sealed record Upload(string Name, byte[] Content, IReadOnlyList<byte[]> Parts);

    [Fact]
    public async Task Handlers_bind_typed_parameters_and_their_return_value_is_the_ack()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            socket.On("sum", (int a, int b) => a + b);
            socket.On("greet", (string name) => $"hello {name}");
            socket.On("move", (Point p) => new Point(p.X + 1, p.Y + 1, p.Label.ToUpperInvariant()));
            socket.On("raw", (JsonElement e) => e.GetProperty("n").GetInt32() * 2);
            socket.On("later", async (double x) =>
            {
                await Task.Yield();
                return x / 2;
            });
            socket.On("many", (string first, SocketIoAck ack) => ack.Send(first, 2, new[] { 3 }));
        }));

        var result = await server.RunAsync(
            new { op = "connect" },
            new { op = "emitWithAck", @event = "sum", args = new object[] { 2, 3 } },
            new { op = "emitWithAck", @event = "greet", args = new object[] { "ada" } },
            new { op = "emitWithAck", @event = "move", args = new object[] { new { x = 1, y = 2, label = "p" } } },
            new { op = "emitWithAck", @event = "raw", args = new object[] { new { n = 21 } } },
            new { op = "emitWithAck", @event = "later", args = new object[] { 5 } },
            new { op = "emitWithAck", @event = "many", args = new object[] { "one" } });

        Assert.Equal(
            ["[5]", "[\"hello ada\"]", "[{\"x\":2,\"y\":3,\"label\":\"P\"}]", "[42]", "[2.5]", "[\"one\"]"],
            result.Acks().Select(a => a.GetProperty("args").GetRawText()));
    }

    [Fact]
    public async Task Server_emit_with_ack_gets_the_clients_answer_and_times_out_without_one()
    {
        var answer = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timeout = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
            socket.On("start", async () =>
            {
                answer.TrySetResult(await socket.Timeout(TimeSpan.FromSeconds(10)).EmitWithAckAsync<string>("question", 1, "two"));
                try
                {
                    await socket.Timeout(TimeSpan.FromMilliseconds(300)).EmitWithAckAsync("silence");
                }
                catch (TimeoutException e)
                {
                    timeout.TrySetResult(e);
                }

                socket.Emit("finished");
            })));

        var result = await server.RunAsync(
            new { op = "connect" },
            new { op = "replyAck", @event = "question", reply = new object[] { "forty-two" } },
            new { op = "ignore", @event = "silence" },
            new { op = "emit", @event = "start" },
            new { op = "wait", @event = "finished" });

        Assert.Equal("forty-two", await answer.Task.WaitAsync(TestTimeouts.Default));
        Assert.IsType<TimeoutException>(await timeout.Task.WaitAsync(TestTimeouts.Default));
        Assert.Equal("[1,\"two\"]", Assert.Single(result.Received("question")));
    }

    [Fact]
    public async Task Pending_ack_fails_when_the_socket_disconnects()
    {
        var failure = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
            socket.On("start", async () =>
            {
                try
                {
                    await socket.EmitWithAckAsync("never-answered");
                }
                catch (SocketDisconnectedException e)
                {
                    failure.TrySetResult(e);
                }
            })));

        await server.RunAsync(
            new { op = "connect" },
            new { op = "emit", @event = "start" },
            new { op = "wait", @event = "never-answered" },
            new { op = "disconnect" });

        Assert.IsType<SocketDisconnectedException>(await failure.Task.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Binary_travels_both_ways_nested_in_objects_and_arrays()
    {
        var received = new TaskCompletionSource<Upload>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            socket.On("upload", (Upload upload) =>
            {
                received.TrySetResult(upload);
                return new { size = upload.Content.Length, echo = upload.Content, parts = upload.Parts };
            });
            socket.On("bytes", (byte[] data) => socket.Emit("bytes-back", data, new { nested = new[] { data, new byte[] { 9 } } }));
        }));

        var result = await server.RunAsync(
            new { op = "connect" },
            new
            {
                op = "emitWithAck",
                @event = "upload",
                args = new object[] { new { name = "f", content = Bin(1, 2, 3), parts = new[] { Bin(4), Bin(5, 6) } } },
            },
            new { op = "emit", @event = "bytes", args = new object[] { Bin(7, 8) } },
            new { op = "wait", @event = "bytes-back" });

        var upload = await received.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal([1, 2, 3], upload.Content);
        Assert.Equal([[4], [5, 6]], upload.Parts);
        Assert.Equal(
            "[{\"size\":3,\"echo\":{\"$bin\":\"AQID\"},\"parts\":[{\"$bin\":\"BA==\"},{\"$bin\":\"BQY=\"}]}]",
            Assert.Single(result.Acks()).GetProperty("args").GetRawText());
        Assert.Equal(
            "[{\"$bin\":\"Bwg=\"},{\"nested\":[{\"$bin\":\"Bwg=\"},{\"$bin\":\"CQ==\"}]}]",
            Assert.Single(result.Received("bytes-back")));
    }

    [Fact]
    public async Task Catch_all_listeners_see_every_event_in_and_out()
    {
        var seen = new ConcurrentQueue<string>();
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            socket.OnAny((name, args) => seen.Enqueue($"any:{name}:{args}"));
            socket.PrependAny((name, _) => seen.Enqueue($"first:{name}"));
            socket.OnAnyOutgoing((name, args) => seen.Enqueue($"out:{name}:{args.Count}"));
            socket.On("ping-me", (SocketIoArguments _) => socket.Emit("pong-you", 1, 2)); // with or without arguments
            socket.On("stop-listening", () =>
            {
                socket.OffAny();
                socket.Emit("stopped");
            });
        }));

        await server.RunAsync(
            new { op = "connect" },
            new { op = "emit", @event = "ping-me", args = new object[] { "x" } },
            new { op = "wait", @event = "pong-you" },
            new { op = "emit", @event = "stop-listening" },
            new { op = "wait", @event = "stopped" },
            new { op = "emit", @event = "ping-me" },
            new { op = "wait", @event = "pong-you", count = 2 });

        Assert.Equal(
            ["first:ping-me", "any:ping-me:[\"x\"]", "out:pong-you:2", "first:stop-listening", "any:stop-listening:[]", "out:stopped:0", "out:pong-you:2"],
            seen);
    }

    [Fact]
    public async Task A_throwing_handler_is_logged_and_the_connection_goes_on()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            socket.On("boom", new Action(() => throw new InvalidOperationException("kaboom")));
            socket.On("still-there", () => true);
        }));

        var result = await server.RunAsync(
            new { op = "connect" },
            new { op = "emit", @event = "boom" },
            new { op = "emitWithAck", @event = "still-there" });

        Assert.Equal("[true]", Assert.Single(result.Acks()).GetProperty("args").GetRawText());
        Assert.Contains(server.Host.Logs, l => l.Contains("kaboom", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Emitting_a_reserved_name_throws()
    {
        var errors = new ConcurrentQueue<string>();
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            foreach (var name in new[] { "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener" })
            {
                try
                {
                    socket.Emit(name);
                }
                catch (ArgumentException)
                {
                    errors.Enqueue(name);
                }
            }

            socket.Emit("checked", errors.Count);
        }));

        var result = await server.RunAsync(new { op = "connect" }, new { op = "wait", @event = "checked" });

        Assert.Equal("[6]", Assert.Single(result.Received("checked")));
    }

    private static object Bin(params byte[] bytes) => new Dictionary<string, string> { ["$bin"] = Convert.ToBase64String(bytes) };
}
