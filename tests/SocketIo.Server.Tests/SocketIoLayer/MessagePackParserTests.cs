using System.Collections.Concurrent;
using SocketIo.Protocol.Parsers;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>
/// The server with <see cref="SocketIoParsers.MessagePack"/>, driven by the real socket.io-client 4.8 created with
/// socket.io-msgpack-parser 3.0.2 (both pinned in tests/interop): events, acknowledgements both ways, binary at
/// depth, namespaces and their refusals, broadcasts to rooms, a server-side disconnect; over WebSocket and polling.
/// </summary>
public sealed class MessagePackParserTests(ITestOutputHelper output)
{
    private sealed record Upload(string Name, byte[] Content, IReadOnlyList<byte[]> Parts);

    public static TheoryData<string> Transports => ["websocket", "polling"];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Events_and_acks_both_ways_with_binary_at_depth(string transport)
    {
        var upload = new TaskCompletionSource<Upload>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource<SocketIoArguments>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartAsync(io => io.OnConnection(socket =>
        {
            socket.On("sum", (int a, int b) => a + b);
            socket.On("upload", (Upload u) =>
            {
                upload.TrySetResult(u);
                return new { size = u.Content.Length, echo = u.Content, parts = u.Parts };
            });
            socket.On("echo", (SocketIoArguments args, SocketIoAck ack) => ack.Send(args));
            socket.On("start", async () =>
            {
                answer.TrySetResult(await socket.Timeout(TimeSpan.FromSeconds(10)).EmitWithAckAsync("question", 1, new byte[] { 1, 2 }));
                socket.Emit("bytes", new byte[] { 5, 6 }, new { nested = new[] { new byte[] { 7 }, Array.Empty<byte>() } }, "text");
            });
        }));

        var result = await server.RunAsync(
            Connect("a", transport),
            new { op = "emitWithAck", @event = "sum", args = new object[] { 2, 3 } },
            new { op = "emitWithAck", @event = "upload", args = new object[] { new { name = "f", content = Bin(1, 2, 3), parts = new[] { Bin(4), Bin() } } } },
            new { op = "emitWithAck", @event = "echo", args = new object[] { new { x = "x", n = 1.5, deep = new object[] { new[] { Bin(8, 9) } }, list = new object?[] { null, true } } } },
            new { op = "replyAck", @event = "question", reply = new object[] { "forty-two", Bin(3) } },
            new { op = "emit", @event = "start" },
            new { op = "wait", @event = "bytes" });

        Assert.True(result.Connect().GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(
            ["[5]", """[{"size":3,"echo":{"$bin":"AQID"},"parts":[{"$bin":"BA=="},{"$bin":""}]}]""", """[{"x":"x","n":1.5,"deep":[[{"$bin":"CAk="}]],"list":[null,true]}]"""],
            result.Acks().Select(a => a.GetProperty("args").GetRawText()));
        var received = await upload.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal([1, 2, 3], received.Content);
        Assert.Equal([[4], []], received.Parts);
        Assert.Equal("[1,{\"$bin\":\"AQI=\"}]", Assert.Single(result.Received("question")));
        var reply = await answer.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal("forty-two", reply.Get<string>(0));
        Assert.Equal([3], reply.Get<byte[]>(1));
        Assert.Equal("""[{"$bin":"BQY="},{"nested":[{"$bin":"Bw=="},{"$bin":""}]},"text"]""", Assert.Single(result.Received("bytes")));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Namespaces_with_auth_refusals_and_unknown_names(string transport)
    {
        var auths = new ConcurrentQueue<string>();
        await using var server = await StartAsync(io =>
        {
            io.OnConnection(_ => { });
            var admin = io.Of("/admin");
            admin.Use(async (socket, next) =>
            {
                auths.Enqueue(socket.Handshake.Auth.GetRawText());
                if (socket.Handshake.Auth.TryGetProperty("token", out var token) && token.GetString() == "s3cret")
                {
                    await next();
                    return;
                }

                throw new SocketIoConnectException("forbidden", new { needed = "token", blob = new byte[] { 1, 2 } });
            });
            admin.OnConnection(socket => socket.On("whoami", () => new { nsp = socket.Namespace.Name, id = socket.Id }));
        });

        var result = await server.RunAsync(
            Connect("root", transport),
            Connect("admin", transport, "/admin", new { token = "s3cret", key = Bin(1) }),
            Connect("intruder", transport, "/admin", new { token = "guess" }),
            Connect("lost", transport, "/nowhere"),
            new { op = "emitWithAck", client = "admin", @event = "whoami" });

        Assert.True(result.Connect("root").GetProperty("ok").GetBoolean(), result.ToString());
        var admin = result.Connect("admin");
        Assert.True(admin.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(
            $$"""[{"nsp":"/admin","id":"{{admin.GetProperty("sid").GetString()}}"}]""",
            Assert.Single(result.Acks("admin")).GetProperty("args").GetRawText());

        // Binary in a CONNECT's auth reaches the middleware as JSON.stringify writes a Buffer.
        Assert.Contains("""{"token":"s3cret","key":{"type":"Buffer","data":[1]}}""", auths);

        var intruder = result.Connect("intruder");
        Assert.False(intruder.GetProperty("ok").GetBoolean());
        Assert.Equal("forbidden", intruder.GetProperty("message").GetString());
        Assert.Equal("""{"needed":"token","blob":{"type":"Buffer","data":[1,2]}}""", intruder.GetProperty("data").GetRawText());

        var lost = result.Connect("lost");
        Assert.False(lost.GetProperty("ok").GetBoolean());
        Assert.Equal("Invalid namespace", lost.GetProperty("message").GetString());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_broadcast_reaches_the_room_only_and_its_acks_come_back(string transport)
    {
        var answers = new TaskCompletionSource<IReadOnlyList<SocketIoArguments>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartAsync(io => io.OnConnection(socket =>
        {
            socket.On("join", (string room) => socket.Join(room));
            socket.On("announce", async () =>
            {
                await io.To("room").EmitAsync("news", "hi", new byte[] { 1, 2 }, new { at = 3 });
                answers.TrySetResult(await io.To("room").Timeout(TimeSpan.FromSeconds(10)).EmitWithAckAsync("poll", "yes?"));
                socket.Emit("done");
            });
        }));

        var result = await server.RunAsync(
            Connect("a", transport),
            Connect("b", transport),
            Connect("outsider", transport),
            new { op = "replyAck", client = "a", @event = "poll", reply = new object[] { "a", Bin(10) } },
            new { op = "replyAck", client = "b", @event = "poll", reply = new object[] { "b" } },
            new { op = "emitWithAck", client = "a", @event = "join", args = new object[] { "room" } },
            new { op = "emitWithAck", client = "b", @event = "join", args = new object[] { "room" } },
            new { op = "emit", client = "outsider", @event = "announce" },
            new { op = "wait", client = "outsider", @event = "done", timeout = 10000 },
            new { op = "wait", client = "a", @event = "news" },
            new { op = "wait", client = "b", @event = "news" });

        const string news = """["hi",{"$bin":"AQI="},{"at":3}]""";
        Assert.Equal([news], result.Received("news", "a"));
        Assert.Equal([news], result.Received("news", "b"));
        Assert.Empty(result.Received("news", "outsider"));
        Assert.Empty(result.Received("poll", "outsider"));
        var replies = (await answers.Task.WaitAsync(TestTimeouts.Default)).OrderBy(r => r.Get<string>(0), StringComparer.Ordinal).ToArray();
        Assert.Equal(["a", "b"], replies.Select(r => r.Get<string>(0)));
        Assert.Equal([10], replies[0].Get<byte[]>(1));
        Assert.Equal(1, replies[1].Count);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task The_server_disconnects_a_socket_and_a_client_disconnects_another(string transport)
    {
        await using var server = await StartAsync(io => io.OnConnection(socket =>
        {
            socket.On("kick-me", () => socket.Disconnect());
            socket.OnDisconnect(reason => _ = io.EmitAsync("left", reason));
        }));

        var result = await server.RunAsync(
            Connect("watcher", transport),
            Connect("kicked", transport),
            Connect("leaving", transport),
            new { op = "emit", client = "kicked", @event = "kick-me" },
            new { op = "waitDisconnect", client = "kicked" },
            new { op = "disconnect", client = "leaving" },
            new { op = "wait", client = "watcher", @event = "left", count = 2 });

        Assert.Equal("io server disconnect", result.Only("disconnect", "kicked").GetProperty("reason").GetString());
        Assert.Equal(["[\"server namespace disconnect\"]", "[\"client namespace disconnect\"]"], result.Received("left", "watcher"));
    }

    private Task<SocketIoTestServer> StartAsync(Action<SocketIoServer> configure)
        => SocketIoTestServer.StartAsync(output, configure, o => o.Parser = SocketIoParsers.MessagePack);

    private static object Connect(string client, string transport, string nsp = "/", object? auth = null)
        => new { op = "connect", client, nsp, auth, parser = "msgpack", transports = new[] { transport } };

    private static object Bin(params byte[] bytes) => new Dictionary<string, string> { ["$bin"] = Convert.ToBase64String(bytes) };
}
