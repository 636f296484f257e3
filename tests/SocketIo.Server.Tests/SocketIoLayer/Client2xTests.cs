using System.Collections.Concurrent;
using System.Text.Json;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>
/// The real socket.io-client 2.5.0 (Engine.IO v3, Socket.IO protocol v4), driven by tests/interop/socketio/driver-v2.mjs,
/// against a server with <see cref="SocketIoOptions.AllowEio3"/> on.
/// </summary>
public sealed class Client2xTests(ITestOutputHelper output)
{
    public static TheoryData<string[]> Transports => new()
    {
        new[] { "polling" },
        new[] { "websocket" },
        new[] { "polling", "websocket" },
    };

    private Task<SocketIoTestServer> StartAsync(Action<SocketIoServer> configure, Action<SocketIoOptions>? options = null)
        => SocketIoTestServer.StartAsync(output, configure, o =>
        {
            o.AllowEio3 = true;
            options?.Invoke(o);
        });

    private static object Bin(params byte[] bytes) => new Dictionary<string, string> { ["$bin"] = Convert.ToBase64String(bytes) };

    [Fact]
    public async Task Connects_to_slash_and_to_a_custom_namespace_whose_query_is_the_auth()
    {
        var sockets = new ConcurrentDictionary<string, Socket>();
        await using var server = await StartAsync(io =>
        {
            io.OnConnection(socket => sockets[socket.Id] = socket);
            io.Of("/custom").OnConnection(socket =>
            {
                sockets[socket.Id] = socket;
                socket.Emit("hello", socket.Handshake.Auth, socket.Handshake.Query["token"].ToString());
            });
        });

        var result = await server.RunV2Async(
            new { op = "connect", client = "root" },
            new { op = "connect", client = "custom", nsp = "/custom", query = new { token = "abc" } },
            new { op = "wait", client = "custom", @event = "hello" });

        // The 2.x client computes its socket ids from the engine id; the server's must be the same.
        var root = result.Connect("root");
        Assert.True(root.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(root.GetProperty("engineId").GetString(), root.GetProperty("sid").GetString());
        var custom = result.Connect("custom");
        Assert.Equal("/custom#" + custom.GetProperty("engineId").GetString(), custom.GetProperty("sid").GetString());
        Assert.Equal("[{\"token\":\"abc\"},\"abc\"]", Assert.Single(result.Received("hello", "custom")));
        Assert.Contains(root.GetProperty("sid").GetString()!, sockets.Keys);
        Assert.Equal("/custom", sockets[custom.GetProperty("sid").GetString()!].Namespace.Name);
    }

    [Fact]
    public async Task A_middleware_refusal_arrives_as_error_with_the_message_or_the_data()
    {
        await using var server = await StartAsync(io =>
        {
            io.Of("/admin").Use((_, _) => throw new SocketIoConnectException("forbidden"));
            io.Of("/data").Use((_, _) => throw new SocketIoConnectException("forbidden", new { reason = "quota", code = 42 }));
        });

        var result = await server.RunV2Async(
            new { op = "connect", client = "admin", nsp = "/admin" },
            new { op = "connect", client = "data", nsp = "/data" },
            new { op = "connect", client = "unknown", nsp = "/nowhere" });

        Assert.Equal("\"forbidden\"", result.Connect("admin").GetProperty("error").GetRawText());
        Assert.Equal("{\"reason\":\"quota\",\"code\":42}", result.Connect("data").GetProperty("error").GetRawText());
        Assert.Equal("{\"message\":\"Invalid namespace\"}", result.Connect("unknown").GetProperty("error").GetRawText());
        Assert.All(new[] { "admin", "data", "unknown" }, c => Assert.False(result.Connect(c).GetProperty("ok").GetBoolean()));
    }

    [Fact]
    public async Task Events_and_acks_both_ways()
    {
        var answer = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartAsync(io => io.OnConnection(socket =>
        {
            socket.On("sum", (int a, int b) => a + b);
            socket.On("greet", (string name) => socket.Emit("greeting", $"hello {name}", new { n = 1 }));
            socket.On("start", async () =>
            {
                answer.TrySetResult(await socket.Timeout(TimeSpan.FromSeconds(10)).EmitWithAckAsync<string>("question", 1, "two"));
                socket.Emit("finished");
            });
        }));

        var result = await server.RunV2Async(
            new { op = "connect" },
            new { op = "emitWithAck", @event = "sum", args = new object[] { 2, 3 } },
            new { op = "emit", @event = "greet", args = new object[] { "ada" } },
            new { op = "wait", @event = "greeting" },
            new { op = "replyAck", @event = "question", reply = new object[] { "forty-two" } },
            new { op = "emit", @event = "start" },
            new { op = "wait", @event = "finished" });

        Assert.Equal("[5]", Assert.Single(result.Acks()).GetProperty("args").GetRawText());
        Assert.Equal("[\"hello ada\",{\"n\":1}]", Assert.Single(result.Received("greeting")));
        Assert.Equal("[1,\"two\"]", Assert.Single(result.Received("question")));
        Assert.Equal("forty-two", await answer.Task.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task A_client_namespace_disconnect_ends_only_that_namespace()
    {
        await using var server = await StartAsync(io =>
        {
            Socket? root = null;
            io.OnConnection(socket => root = socket);
            io.Of("/chat").OnConnection(socket => socket.OnDisconnect(reason => root?.Emit("left", socket.Id, reason)));
        });

        var result = await server.RunV2Async(
            new { op = "connect", client = "root", multiplex = true },
            new { op = "connect", client = "chat", nsp = "/chat", multiplex = true },
            new { op = "disconnect", client = "chat" },
            new { op = "wait", client = "root", @event = "left" });

        var chat = result.Connect("chat").GetProperty("sid").GetString();
        Assert.Equal($"[\"{chat}\",\"{SocketIoDisconnectReasons.ClientNamespaceDisconnect}\"]", Assert.Single(result.Received("left", "root")));
    }

    [Fact]
    public async Task A_server_disconnect_reaches_the_client()
    {
        await using var server = await StartAsync(io => io.OnConnection(socket => socket.On("kick me", () => socket.Disconnect())));
        var result = await server.RunV2Async(
            new { op = "connect" },
            new { op = "emit", @event = "kick me" },
            new { op = "waitDisconnect" });
        Assert.Equal("io server disconnect", result.Only("disconnect").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Binary_travels_both_ways_in_events_and_acks()
    {
        await using var server = await StartAsync(io => io.OnConnection(socket =>
        {
            socket.On("upload", (string name, byte[] content) =>
            {
                socket.Emit("stored", name, new { copy = Enumerable.Reverse(content).ToArray(), size = content.Length });
                return new object[] { "ok", content };
            });
        }));

        var result = await server.RunV2Async(
            new { op = "connect" },
            new { op = "emitWithAck", @event = "upload", args = new object[] { "file", Bin(1, 2, 3, 255) } },
            new { op = "wait", @event = "stored" });

        Assert.Equal($"[[\"ok\",{{\"$bin\":\"{Convert.ToBase64String([1, 2, 3, 255])}\"}}]]", Assert.Single(result.Acks()).GetProperty("args").GetRawText());
        Assert.Equal(
            $"[\"file\",{{\"copy\":{{\"$bin\":\"{Convert.ToBase64String([255, 3, 2, 1])}\"}},\"size\":4}}]",
            Assert.Single(result.Received("stored")));
    }

    [Fact]
    public async Task Rooms_reach_their_members_only()
    {
        await using var server = await StartAsync(io => io.OnConnection(socket =>
        {
            socket.On("join", (string room) =>
            {
                socket.Join(room);
                return room;
            });
            socket.On("say", (string room, string text) => socket.To(room).EmitAsync("said", socket.Id, text));
        }));

        var result = await server.RunV2Async(
            new { op = "connect", client = "a" },
            new { op = "connect", client = "b" },
            new { op = "connect", client = "c" },
            new { op = "emitWithAck", client = "a", @event = "join", args = new object[] { "r" } },
            new { op = "emitWithAck", client = "b", @event = "join", args = new object[] { "r" } },
            new { op = "emit", client = "a", @event = "say", args = new object[] { "r", "hi" } },
            new { op = "wait", client = "b", @event = "said" },
            new { op = "emitWithAck", client = "c", @event = "join", args = new object[] { "elsewhere" } });

        Assert.Equal(["[\"r\"]", "[\"r\"]", "[\"elsewhere\"]"], new[] { "a", "b", "c" }.Select(c => Assert.Single(result.Acks(c)).GetProperty("args").GetRawText()));
        var sender = result.Connect("a").GetProperty("sid").GetString();
        Assert.Equal($"[\"{sender}\",\"hi\"]", Assert.Single(result.Received("said", "b")));
        Assert.Empty(result.Received("said", "a"));
        Assert.Empty(result.Received("said", "c"));
    }

    [Fact]
    public async Task One_broadcast_reaches_a_v2_and_a_v4_client_in_the_same_room()
    {
        var joined = 0;
        var bothJoined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartAsync(io => io.OnConnection(socket => socket.On("join", (string room) =>
        {
            socket.Join(room);
            if (Interlocked.Increment(ref joined) == 2)
            {
                bothJoined.TrySetResult();
            }

            return room;
        })));

        // Each client joins, then waits; the broadcast goes out once both are in. The two scripts start on their own,
        // so the waits allow for one of them starting late on a busy machine.
        var plan = new object[]
        {
            new { op = "connect", transports = new[] { "websocket" }, timeout = 20_000 },
            new { op = "emitWithAck", @event = "join", args = new object[] { "mixed" } },
            new { op = "wait", @event = "news", timeout = 30_000 },
        };
        var v2 = server.RunV2Async(plan);
        var v4 = server.RunAsync(plan);
        await bothJoined.Task.WaitAsync(TestTimeouts.NodeScript);
        await server.Io.To("mixed").EmitAsync("news", "for everyone", new byte[] { 1, 2 });

        var expected = $"[\"for everyone\",{{\"$bin\":\"{Convert.ToBase64String([1, 2])}\"}}]";
        Assert.Equal(expected, Assert.Single((await v2).Received("news")));
        Assert.Equal(expected, Assert.Single((await v4).Received("news")));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Events_acks_binary_and_namespaces_work_over(string[] transports)
    {
        var transportAtBurst = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartAsync(io =>
        {
            io.OnConnection(socket =>
            {
                socket.On("echo", (SocketIoArguments args, SocketIoAck ack) => ack.Send(args));
                socket.On("burst", (int count) =>
                {
                    transportAtBurst.TrySetResult(socket.Transport);
                    for (var i = 0; i < count; i++)
                    {
                        socket.Emit("n", i, new byte[] { (byte)i });
                    }
                });
            });
            io.Of("/other").OnConnection(socket => socket.Emit("hello", "/other"));
        });

        var upgrades = transports.Length > 1;
        var steps = new List<object>
        {
            new { op = "connect", client = "a", transports, multiplex = true },
            new { op = "connect", client = "b", nsp = "/other", transports, multiplex = true },
        };
        if (upgrades)
        {
            steps.Add(new { op = "waitUpgrade", client = "a" });
        }

        steps.AddRange(
        [
            new { op = "emitWithAck", client = "a", @event = "echo", args = new object[] { "text", 1, Bin(1, 2, 3), new { nested = Bin(4) } } },
            new { op = "emit", client = "a", @event = "burst", args = new object[] { 50 } },
            new { op = "wait", client = "a", @event = "n", count = 50 },
            new { op = "wait", client = "b", @event = "hello" },
        ]);
        var result = await server.RunV2Async([.. steps]);

        Assert.Equal(transports[0], result.Connect("a").GetProperty("transport").GetString());
        if (upgrades)
        {
            Assert.Equal("websocket", result.Only("upgrade", "a").GetProperty("transport").GetString());
        }

        Assert.Equal(
            $"[\"text\",1,{{\"$bin\":\"{Convert.ToBase64String([1, 2, 3])}\"}},{{\"nested\":{{\"$bin\":\"{Convert.ToBase64String([4])}\"}}}}]",
            Assert.Single(result.Acks("a")).GetProperty("args").GetRawText());
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"[{i},{{\"$bin\":\"{Convert.ToBase64String([(byte)i])}\"}}]"), result.Received("n", "a"));
        Assert.Equal("[\"/other\"]", Assert.Single(result.Received("hello", "b")));
        Assert.Equal(transports[^1], await transportAtBurst.Task.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task The_client_pings_and_stays_connected_past_the_silence_deadline()
    {
        // Without its pings the session would be gone 200 + 3000 ms after the open; twenty answered pings take ~4 s,
        // and an acknowledgement after them proves the socket is still there. The client gives each pong the ping
        // timeout: 1 s of it was once too little on a machine busy compiling native code beside this test.
        await using var server = await StartAsync(
            io => io.OnConnection(socket => socket.On("alive", () => socket.Connected)),
            o => (o.PingInterval, o.PingTimeout) = (TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3)));

        var result = await server.RunV2Async(
            new { op = "connect", transports = new[] { "polling", "websocket" } },
            new { op = "waitPong", count = 20, timeout = 15_000 },
            new { op = "emitWithAck", @event = "alive" });

        Assert.True(result.Only("pong").GetProperty("count").GetInt32() >= 20, result.ToString());
        Assert.Equal("[true]", Assert.Single(result.Acks()).GetProperty("args").GetRawText());
    }

    [Fact]
    public async Task A_client_that_never_pings_is_dropped_with_ping_timeout()
    {
        var reason = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartAsync(
            io => io.OnConnection(socket => socket.OnDisconnect(r => reason.TrySetResult(r))),
            o => (o.PingInterval, o.PingTimeout) = (TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(200)));

        // A raw v3 WebSocket that reads but never pings.
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host, eio: 3);
        Assert.Equal("40", await client.ReceiveTextAsync());
        await client.AssertClosedByServerAsync();
        Assert.Equal(SocketIoDisconnectReasons.PingTimeout, await reason.Task.WaitAsync(TestTimeouts.Default));
    }
}
