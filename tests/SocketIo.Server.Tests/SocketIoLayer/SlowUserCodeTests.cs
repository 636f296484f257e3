using System.Text.RegularExpressions;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>
/// Slow user code — middleware that takes seconds, disconnect listeners that block — delays nothing but its own
/// socket: heartbeats go on, other clients and namespaces go on. A real clock is the point here (the heartbeats are
/// what must keep going), so the waits are bounded generously and no duration is asserted.
/// </summary>
[Collection(nameof(ThreadBlockingTests))]
public sealed partial class SlowUserCodeTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// A ping every second, and a second to answer it: a slow user call (3 s, 5 s) outlasts both, so a heartbeat it held
    /// up would end the connection. (Half a second to answer would show it as well, but fails on a loaded machine.)
    /// </summary>
    private static readonly Action<SocketIoOptions> FastHeartbeat = o =>
    {
        o.PingInterval = TimeSpan.FromSeconds(1);
        o.PingTimeout = TimeSpan.FromSeconds(1);
    };

    /// <summary>
    /// A heartbeat the healthy client tolerates for 3.5 s (interval plus timeout), under the listener's 5 s block: a
    /// ping that waited for the listener still times the client out, while a machine busy with other test assemblies
    /// does not (1 + 1 s did once in a full run).
    /// </summary>
    private static readonly Action<SocketIoOptions> HeartbeatShorterThanTheBlock = o =>
    {
        o.PingInterval = TimeSpan.FromSeconds(1);
        o.PingTimeout = TimeSpan.FromSeconds(2.5);
    };

    /// <summary>Opened by each test once it observed what it waits for; always opened at the end.</summary>
    private readonly ManualResetEventSlim _release = new();

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }

    [GeneratedRegex("^40\\{\"sid\":\"([A-Za-z0-9_-]{20})\"\\}$")]
    private static partial Regex RootConnectReply();

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task A_middleware_that_awaits_three_seconds_lets_the_client_connect_and_stay(string transport)
    {
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io =>
            {
                io.Use(async (_, next) =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(3)); // an authorization call to a slow service
                    await next();
                });
                io.OnConnection(socket => socket.On("echo", (string text) => text));
            },
            FastHeartbeat);

        var result = await server.RunAsync(
            new { op = "connect", transports = new[] { transport }, timeout = 15_000 },
            new { op = "emitWithAck", @event = "echo", args = new[] { "still here" } });

        Assert.True(result.Connect().GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal("[\"still here\"]", Assert.Single(result.Acks()).GetProperty("args").GetRawText());
        Assert.DoesNotContain(result.Lines("disconnected"), l => l.StringProperty("reason") != "io client disconnect");
    }

    [Fact]
    public async Task Events_sent_while_middleware_blocks_arrive_in_order_after_it_and_other_namespaces_go_on_meanwhile()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            io.Use((_, next) =>
            {
                _release.Wait(TestTimeouts.Default); // blocks its thread, like a synchronous database call
                return next();
            });
            io.OnConnection(socket => socket.On("n", (int n) =>
            {
                socket.Emit("got", n);
                return n;
            }));
            io.Of("/other").OnConnection(_ => { });
        });
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host);

        await client.SendAsync("40");
        await client.SendAsync("42[\"n\",1]");
        await client.SendAsync("42[\"n\",2]");
        await client.SendAsync("4210[\"n\",3]");
        await client.SendAsync("40/other,");
        Assert.StartsWith("40/other,{\"sid\"", await client.ReceiveTextAsync(), StringComparison.Ordinal);
        _release.Set();

        Assert.Matches(RootConnectReply(), await client.ReceiveTextAsync());
        Assert.Equal("42[\"got\",1]", await client.ReceiveTextAsync());
        Assert.Equal("42[\"got\",2]", await client.ReceiveTextAsync());
        Assert.Equal("42[\"got\",3]", await client.ReceiveTextAsync());
        Assert.Equal("4310[3]", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task A_disconnect_listener_that_blocks_five_seconds_delays_no_other_client()
    {
        var answered = 0;
        var listenerStarted = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listenerEnded = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io =>
            {
                io.OnConnection(socket => socket.On("steady", (int n) =>
                {
                    Interlocked.Increment(ref answered);
                    return n;
                }));
                io.Of("/slow").OnConnection(socket => socket.OnDisconnect(_ =>
                {
                    listenerStarted.TrySetResult(Volatile.Read(ref answered));
                    Thread.Sleep(TimeSpan.FromSeconds(5)); // a lock, a blocking database call
                    listenerEnded.TrySetResult(Volatile.Read(ref answered));
                }));
            },
            HeartbeatShorterThanTheBlock);
        await using var healthy = NodeScript.Start("socketio/steady.mjs", [server.Host.BaseUri.ToString(), "websocket"], output);
        Assert.True((await healthy.WaitForLineAsync(l => l.StringProperty("op") == "connect", "connect")).GetProperty("ok").GetBoolean());
        await healthy.WaitForLineAsync(l => l.StringProperty("op") == "ack", "a first ack");

        // A client that joins /slow and then stops reading: it never answers a ping, so the server times it out.
        await using var silent = await RawSocketIoClient.ConnectAsync(server.Host);
        await silent.SendAsync("40/slow,");
        Assert.StartsWith("40/slow,{\"sid\"", await silent.ReceiveTextAsync(), StringComparison.Ordinal);

        var answeredAtStart = await listenerStarted.Task.WaitAsync(TestTimeouts.Default);
        var answeredAtEnd = await listenerEnded.Task.WaitAsync(TestTimeouts.Default);
        await server.Io.EmitAsync("stop");
        var result = await healthy.WaitForExitAsync();

        result.AssertRan();
        Assert.DoesNotContain(result.Lines, l => l.StringProperty("op") is "disconnected" or "timeout");
        var done = Assert.Single(result.Lines, l => l.StringProperty("op") == "done");
        Assert.Equal(0, done.GetProperty("errors").GetInt32());
        Assert.True(answeredAtEnd > answeredAtStart, $"No acknowledgement while the listener blocked ({answeredAtStart} before, {answeredAtEnd} after).");
    }

    [Theory]
    [InlineData("socket")]
    [InlineData("remote socket")]
    public async Task A_handler_that_disconnects_another_socket_does_not_run_its_listeners_or_wait_for_them(string how)
    {
        var listenerThread = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listenerReason = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var victimId = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            socket.On("kick", async (string id) =>
            {
                if (how == "socket")
                {
                    io.Sockets.Sockets[id].Disconnect();
                }
                else
                {
                    await Assert.Single(await io.In(id).FetchSocketsAsync()).DisconnectAsync();
                }

                // Waiting here keeps this thread busy, so the victim's listener can only start on another one.
                var here = Environment.CurrentManagedThreadId;
                var there = listenerThread.Task.Wait(TestTimeouts.Default) ? listenerThread.Task.Result : here;
                return here != there ? "kicked" : "the listener ran on the kicker's thread";
            });
            socket.On("victim", () => victimId.TrySetResult(socket.Id));
            socket.OnDisconnect(reason =>
            {
                listenerThread.TrySetResult(Environment.CurrentManagedThreadId);
                listenerReason.TrySetResult(reason);
                _release.Wait(TimeSpan.FromSeconds(30)); // slow: longer than the test waits for the kicker's answer
            });
        }));
        await using var kicker = await ConnectRootAsync(server);
        await using var victim = await ConnectRootAsync(server);
        await victim.SendAsync("42[\"victim\"]");
        var id = await victimId.Task.WaitAsync(TestTimeouts.Default);

        await kicker.SendAsync($"421[\"kick\",\"{id}\"]");

        Assert.Equal("431[\"kicked\"]", await kicker.ReceiveTextAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal("41", await victim.ReceiveTextAsync());
        Assert.Equal(SocketIoDisconnectReasons.ServerNamespaceDisconnect, await listenerReason.Task.WaitAsync(TestTimeouts.Default));
        Assert.False(server.Io.Sockets.Sockets.ContainsKey(id));
        _release.Set();
    }

    [Fact]
    public async Task A_quick_reconnect_of_a_2x_client_keeps_its_rooms_while_the_old_sockets_listener_is_slow()
    {
        var sockets = 0;
        var secondInMiddleware = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstLeaving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io =>
            {
                var chat = io.Of("/chat");
                chat.Use((_, next) =>
                {
                    if (Volatile.Read(ref sockets) == 1)
                    {
                        secondInMiddleware.TrySetResult();
                    }

                    return next();
                });
                chat.OnConnection(socket =>
                {
                    if (Interlocked.Increment(ref sockets) == 1)
                    {
                        socket.OnDisconnecting(_ =>
                        {
                            firstLeaving.TrySetResult();
                            _release.Wait(TestTimeouts.Default); // slow: the client reconnects meanwhile
                        });
                    }
                });
            },
            o => (o.AllowEio3, o.PingInterval) = (true, TimeSpan.FromMinutes(1))); // this raw 2.x client never pings

        // A 2.x client's socket id is <namespace>#<session id>: the same for the old socket and the new one.
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host, eio: 3);
        Assert.Equal("40", await client.ReceiveTextAsync());
        await client.SendAsync("40/chat");
        Assert.StartsWith("40/chat", await client.ReceiveTextAsync(), StringComparison.Ordinal);
        await client.SendAsync("41/chat");
        await client.SendAsync("40/chat");
        await firstLeaving.Task.WaitAsync(TestTimeouts.Default);
        await secondInMiddleware.Task.WaitAsync(TestTimeouts.Default);
        _release.Set();

        Assert.StartsWith("40/chat", await client.ReceiveTextAsync(), StringComparison.Ordinal);
        await server.Io.Of("/chat").EmitAsync("hello");
        Assert.Equal("42/chat,[\"hello\"]", await client.ReceiveTextAsync());
    }

    private static async Task<RawSocketIoClient> ConnectRootAsync(SocketIoTestServer server)
    {
        var client = await RawSocketIoClient.ConnectAsync(server.Host);
        await client.SendAsync("40");
        Assert.Matches(RootConnectReply(), await client.ReceiveTextAsync());
        return client;
    }
}
