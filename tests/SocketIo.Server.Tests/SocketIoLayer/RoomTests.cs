using System.Collections.Concurrent;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>Rooms and broadcasting (the examples of the Socket.IO documentation's rooms and namespaces pages), from the real socket.io-client.</summary>
public sealed class RoomTests(ITestOutputHelper output)
{
    /// <summary>Each client announces itself and joins the rooms it names; "go" runs the scenario under test.</summary>
    private static void JoinOnRequest(SocketIoServer io, Action<Socket, SocketIoServer> onGo) => io.OnConnection(socket =>
    {
        socket.On("join", (string[] rooms) =>
        {
            socket.Join(rooms);
            return socket.Rooms.Order(StringComparer.Ordinal).ToArray();
        });
        socket.On("leave", (string room) => socket.Leave(room));
        socket.On("go", () => onGo(socket, io));
    });

    private static object Join(string client, params string[] rooms) => new { op = "emitWithAck", client, @event = "join", args = new object[] { rooms } };

    [Fact]
    public async Task A_socket_is_in_its_own_room_and_the_rooms_it_joins()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io => JoinOnRequest(io, (_, _) => { }));

        var result = await server.RunAsync(new { op = "connect" }, Join("a", "room1"));

        var sid = result.Connect().GetProperty("sid").GetString();
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(new[] { new[] { sid, "room1" }.Order(StringComparer.Ordinal) }),
            Assert.Single(result.Acks()).GetProperty("args").GetRawText());
    }

    [Fact]
    public async Task To_one_room_reaches_its_members_only()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
            JoinOnRequest(io, (_, io) => io.To("room1").EmitAsync("news", "for room1")));

        var result = await server.RunAsync(
            new { op = "connect", client = "a" },
            new { op = "connect", client = "b" },
            new { op = "connect", client = "c" },
            Join("a", "room1"),
            Join("b", "room1"),
            Join("c", "room2"),
            new { op = "emit", client = "c", @event = "go" },
            new { op = "wait", client = "a", @event = "news" },
            new { op = "wait", client = "b", @event = "news" },
            new { op = "emitWithAck", client = "c", @event = "join", args = new object[] { Array.Empty<string>() } });

        Assert.Single(result.Received("news", "a"));
        Assert.Single(result.Received("news", "b"));
        Assert.Empty(result.Received("news", "c"));
    }

    [Fact]
    public async Task Many_rooms_with_overlap_deliver_once_and_except_leaves_out()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
            JoinOnRequest(io, (sender, io) =>
            {
                _ = io.To(["room1", "room2"]).EmitAsync("union");
                _ = io.To("room1").Except("room2").EmitAsync("only1");
                _ = io.Except("room1").EmitAsync("outside1");
            }));

        var result = await server.RunAsync(
            new { op = "connect", client = "both" },
            new { op = "connect", client = "one" },
            new { op = "connect", client = "none" },
            Join("both", "room1", "room2"),
            Join("one", "room1"),
            new { op = "emit", client = "none", @event = "go" },
            new { op = "wait", client = "both", @event = "union" },
            new { op = "wait", client = "one", @event = "only1" },
            new { op = "wait", client = "none", @event = "outside1" },
            new { op = "emitWithAck", client = "both", @event = "join", args = new object[] { Array.Empty<string>() } },
            new { op = "emitWithAck", client = "one", @event = "join", args = new object[] { Array.Empty<string>() } });

        Assert.Single(result.Received("union", "both"));
        Assert.Single(result.Received("union", "one"));
        Assert.Empty(result.Received("union", "none"));
        Assert.Empty(result.Received("only1", "both"));
        Assert.Single(result.Received("only1", "one"));
        Assert.Single(result.Received("outside1", "none"));
        Assert.Empty(result.Received("outside1", "both"));
    }

    [Fact]
    public async Task Socket_broadcast_and_socket_to_exclude_the_sender()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
            JoinOnRequest(io, (socket, server) =>
            {
                _ = socket.Broadcast.EmitAsync("everyone-else");
                _ = socket.To("room1").EmitAsync("room1-but-me");
            }));

        var result = await server.RunAsync(
            new { op = "connect", client = "sender" },
            new { op = "connect", client = "peer" },
            Join("sender", "room1"),
            Join("peer", "room1"),
            new { op = "emit", client = "sender", @event = "go" },
            new { op = "wait", client = "peer", @event = "everyone-else" },
            new { op = "wait", client = "peer", @event = "room1-but-me" },
            new { op = "emitWithAck", client = "sender", @event = "join", args = new object[] { Array.Empty<string>() } });

        Assert.Empty(result.Received("everyone-else", "sender"));
        Assert.Empty(result.Received("room1-but-me", "sender"));
    }

    [Fact]
    public async Task Private_message_through_the_own_id_room()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            socket.On("private message", (string anotherSocketId, string msg) =>
                socket.To(anotherSocketId).EmitAsync("private message", socket.Id, msg));
            socket.On("sync", () => true);
        }));

        // The receiver runs in its own script and reports its id; the sender's plan then uses it.
        var connected = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Io.Sockets.OnConnection(s => s.On("my-id", () => connected.TrySetResult(s.Id)));
        await using var receiver = NodeScript.Start(
            "socketio/driver.mjs",
            [server.Host.BaseUri.ToString(), """[{"op":"connect","client":"a"},{"op":"emit","client":"a","event":"my-id"},{"op":"wait","client":"a","event":"private message","timeout":10000}]"""],
            output);
        var targetId = await connected.Task.WaitAsync(TestTimeouts.Default);

        var sender = await server.RunAsync(
            new { op = "connect", client = "b" },
            new { op = "connect", client = "bystander" },
            new { op = "emit", client = "b", @event = "private message", args = new object[] { targetId, "psst" } },
            new { op = "emitWithAck", client = "b", @event = "sync" },
            new { op = "emitWithAck", client = "bystander", @event = "sync" });
        var received = await receiver.WaitForExitAsync();

        var senderId = sender.Connect("b").GetProperty("sid").GetString();
        var message = Assert.Single(received.Lines, l => l.StringProperty("op") == "event" && l.StringProperty("event") == "private message");
        Assert.Equal($"[\"{senderId}\",\"psst\"]", message.GetProperty("args").GetRawText());
        Assert.Empty(sender.Received("private message", "bystander"));
        Assert.Empty(sender.Received("private message", "b"));
    }

    [Fact]
    public async Task Disconnect_leaves_every_room_after_disconnecting_ran()
    {
        var roomsWhileDisconnecting = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var roomsAfter = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            JoinOnRequest(io, (_, _) => { });
            io.OnConnection(socket =>
            {
                socket.OnDisconnecting(reason =>
                {
                    roomsWhileDisconnecting.TrySetResult([.. socket.Rooms]);
                    foreach (var room in socket.Rooms.Where(r => r != socket.Id))
                    {
                        _ = socket.To(room).EmitAsync("user has left", socket.Id);
                    }
                });
                socket.OnDisconnect(_ => roomsAfter.TrySetResult(socket.Rooms.Count));
            });
        });

        var result = await server.RunAsync(
            new { op = "connect", client = "leaver" },
            new { op = "connect", client = "stayer" },
            Join("leaver", "room1"),
            Join("stayer", "room1"),
            new { op = "disconnect", client = "leaver" },
            new { op = "wait", client = "stayer", @event = "user has left" });

        var leaverId = result.Connect("leaver").GetProperty("sid").GetString()!;
        Assert.Equal(new[] { leaverId, "room1" }.Order(StringComparer.Ordinal), (await roomsWhileDisconnecting.Task.WaitAsync(TestTimeouts.Default)).Order(StringComparer.Ordinal));
        Assert.Equal(0, await roomsAfter.Task.WaitAsync(TestTimeouts.Default));
        Assert.Equal($"[\"{leaverId}\"]", Assert.Single(result.Received("user has left", "stayer")));
        Assert.DoesNotContain(leaverId, server.Io.Sockets.Adapter.Rooms);
    }

    [Fact]
    public async Task Broadcast_with_ack_collects_every_answer_or_fails_with_the_partial_ones()
    {
        var complete = new TaskCompletionSource<IReadOnlyList<SocketIoArguments>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var partial = new TaskCompletionSource<BroadcastAckTimeoutException>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            io.OnConnection(socket => socket.On("pending-acks", () => socket.PendingAckCount));
            JoinOnRequest(io, (socket, io) => _ = Task.Run(async () =>
            {
                complete.TrySetResult(await io.To("answering").Timeout(TimeSpan.FromSeconds(10)).EmitWithAckAsync("question"));
                try
                {
                    // Long enough for the two answering clients on a busy machine; the silent one makes it expire.
                    await io.Timeout(TimeSpan.FromSeconds(2)).EmitWithAckAsync("question");
                }
                catch (BroadcastAckTimeoutException e)
                {
                    partial.TrySetResult(e);
                }

                socket.Emit("finished");
            }));
        });

        var result = await server.RunAsync(
            new { op = "connect", client = "a" },
            new { op = "connect", client = "b" },
            new { op = "connect", client = "silent" },
            new { op = "replyAck", client = "a", @event = "question", reply = new object[] { "from a" } },
            new { op = "replyAck", client = "b", @event = "question", reply = new object[] { "from b" } },
            Join("a", "answering"),
            Join("b", "answering"),
            new { op = "emit", client = "silent", @event = "go" },
            new { op = "wait", client = "silent", @event = "finished", timeout = 10000 },
            new { op = "emitWithAck", client = "silent", @event = "pending-acks" });

        var answers = await complete.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal(["[\"from a\"]", "[\"from b\"]"], answers.Select(a => a.ToString()).Order());
        var timeout = await partial.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal(["[\"from a\"]", "[\"from b\"]"], timeout.Responses.Select(a => a.ToString()).Order());
        Assert.Single(result.Received("question", "silent")); // only the second broadcast targets everyone
        Assert.Equal("[0]", result.Acks("silent").Single().GetProperty("args").GetRawText()); // the unanswered id was forgotten
        Assert.Equal(2, result.Received("question", "a").Count);
    }

    [Fact]
    public async Task Fetch_sockets_join_leave_and_disconnect_them_from_the_server()
    {
        var report = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            io.Use(async (socket, next) =>
            {
                socket.Data["name"] = socket.Handshake.Auth.GetProperty("name").GetString();
                await next();
            });
            JoinOnRequest(io, (socket, io) => _ = Task.Run(async () =>
            {
                var inRoom = await io.In("room1").FetchSocketsAsync();
                var names = inRoom.Select(s => s.Data.GetProperty("name").GetString()).Order();
                await io.In("room1").SocketsJoinAsync("room2");
                await io.In("room2").Except(socket.Id).SocketsLeaveAsync("room1");
                var afterMove = await io.In("room1").FetchSocketsAsync();
                var remote = Assert.Single(inRoom, s => s.Id != socket.Id);
                await remote.EmitAsync("hello-from-fetch", remote.Handshake.GetProperty("auth").GetProperty("name").GetString());
                report.TrySetResult($"{string.Join(",", names)}|{string.Join(",", afterMove.Select(s => s.Data.GetProperty("name").GetString()))}|{remote.Local is not null}");
                await io.In("room2").Except(socket.Id).DisconnectSocketsAsync();
            }));
        });

        var result = await server.RunAsync(
            new { op = "connect", client = "a", auth = new { name = "ann" } },
            new { op = "connect", client = "b", auth = new { name = "ben" } },
            new { op = "connect", client = "c", auth = new { name = "cat" } },
            Join("a", "room1"),
            Join("b", "room1"),
            new { op = "emit", client = "a", @event = "go" },
            new { op = "wait", client = "b", @event = "hello-from-fetch" },
            new { op = "waitDisconnect", client = "b" });

        Assert.Equal("ann,ben|ann|True", await report.Task.WaitAsync(TestTimeouts.Default));
        Assert.Equal("[\"ben\"]", Assert.Single(result.Received("hello-from-fetch", "b")));
        Assert.Equal("io server disconnect", result.Only("disconnect", "b").GetProperty("reason").GetString());
        Assert.DoesNotContain(result.Lines("disconnected", "a"), l => l.StringProperty("reason") == "io server disconnect");
    }

    [Fact]
    public async Task Server_side_emit_alone_reaches_no_one_and_its_ack_completes_empty()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, _ => { });

        await server.Io.ServerSideEmitAsync("hello", "nodes");
        var answers = await server.Io.Sockets.ServerSideEmitWithAckAsync("ping", TimeSpan.FromSeconds(1)).WaitAsync(TestTimeouts.Default);

        Assert.Empty(answers);
    }
}
