using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.Adapters;
using SocketIo.Engine;
using SocketIo.Server.Tests.Engine;
using SocketIo.Server.Tests.Unit;

namespace SocketIo.Server.Tests.Recovery;

/// <summary>
/// Connection state recovery through the engine seam, packet by packet: what the server sends with it on and off,
/// what a client that comes back gets, and every way a recovery is refused (a new socket, never a crash or someone
/// else's events).
/// </summary>
[Collection(nameof(Infrastructure.ThreadBlockingTests))]
public sealed class RecoveryTests
{
    private static SocketIoServer Server(Action<ConnectionStateRecoveryOptions>? recovery = null, TimeProvider? time = null, IAdapterFactory? adapters = null)
    {
        var options = new SocketIoOptions { ConnectionStateRecovery = new ConnectionStateRecoveryOptions() };
        recovery?.Invoke(options.ConnectionStateRecovery);
        if (time is not null)
        {
            options.TimeProvider = time;
        }

        return new SocketIoServer(Options.Create(options), NullLoggerFactory.Instance, adapters);
    }

    /// <summary>A connected client: its socket, its private id, and the offset of the last event it got.</summary>
    private sealed record Connected(UnitClient Client, Socket Socket, string PrivateId);

    private static async Task<Connected> ConnectAsync(SocketIoServer io, string nsp = "/")
    {
        var client = new UnitClient(io);
        var reply = Payload(await client.ConnectAsync(nsp));
        var socket = io.Of(nsp).Sockets[reply.GetProperty("sid").GetString()!];
        return new Connected(client, socket, reply.GetProperty("pid").GetString()!);
    }

    /// <summary>Sends a CONNECT with <paramref name="auth"/> on a new connection; returns the client and every frame up to the answer.</summary>
    private static async Task<(UnitClient Client, string[] Frames)> ReconnectAsync(SocketIoServer io, object auth, string nsp = "/")
    {
        var client = new UnitClient(io);
        var prefix = nsp == "/" ? "0" : $"0{nsp},";
        await client.SendAsync(prefix + JsonSerializer.Serialize(auth));
        var answer = await UnitClient.AnsweredAsync(client.Connection, client.Handler, nsp);
        var frames = client.Connection.Sent.ToArray();
        return (client, frames[..(Array.IndexOf(frames, answer) + 1)]);
    }

    /// <summary>The JSON after a packet's type and namespace: <c>40{…}</c>, <c>42["e",…]</c>, <c>40/a,{…}</c>.</summary>
    private static JsonElement Payload(string frame) => JsonDocument.Parse(frame[frame.IndexOfAny(['{', '['])..]).RootElement.Clone();

    /// <summary>The offset of an event frame: its last argument.</summary>
    private static string OffsetOf(string frame)
    {
        var values = Payload(frame).EnumerateArray().ToArray();
        return values[^1].GetString()!;
    }

    /// <summary>An event frame's name and first argument, the offset left out: <c>e:1</c>.</summary>
    private static string Describe(string frame)
    {
        var values = Payload(frame).EnumerateArray().ToArray();
        return values.Length > 2 ? $"{values[0].GetString()}:{values[1]}" : values[0].GetString()!;
    }

    private static Task<string> WaitForEventAsync(UnitClient client, string name)
        => client.Connection.WaitForSentAsync(f => f.StartsWith($"42[\"{name}\"", StringComparison.Ordinal), name);

    private static Task<string> WaitForEventAsync(UnitClient client, string nsp, string name)
        => client.Connection.WaitForSentAsync(f => f.StartsWith($"42{nsp},[\"{name}\"", StringComparison.Ordinal), name);

    /// <summary>Sends the client an event and returns its offset: what the client would send to recover.</summary>
    private static async Task<string> SeenOffsetAsync(Connected connected)
    {
        connected.Socket.Emit("seen");
        return OffsetOf(await WaitForEventAsync(connected.Client, "seen"));
    }

    /// <summary>Drops a client's connection as a lost network does, and waits until its socket's close ran its listeners.</summary>
    private static async Task DropAsync(Connected connected, string reason = EngineCloseReasons.TransportClose)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connected.Socket.OnDisconnect(_ => closed.TrySetResult());
        connected.Client.Handler.OnClosed(reason);
        await closed.Task.WaitAsync(Infrastructure.TestTimeouts.Default);
    }

    /// <summary>
    /// Drops a client's connection with a close listener (registered by <paramref name="listen"/>) that blocks until
    /// <paramref name="release"/> is set: the old socket's close then waits on its lifecycle queue, rooms still joined.
    /// </summary>
    private static async Task DropWithCloseHeldAsync(Connected connected, Func<Action<string>, Socket> listen, ManualResetEventSlim release)
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listen(_ =>
        {
            listening.TrySetResult();
            release.Wait(Infrastructure.TestTimeouts.Default);
        });
        connected.Client.Handler.OnClosed(EngineCloseReasons.TransportClose);
        await listening.Task.WaitAsync(Infrastructure.TestTimeouts.Default);
    }

    /// <summary>Sends a recovering CONNECT on a new connection and waits until the adapter gave the session out.</summary>
    private static async Task<UnitClient> StartRecoveryAsync(SocketIoServer io, Connected connected, string offset)
    {
        var client = new UnitClient(io);
        await client.SendAsync($$"""0{"pid":"{{connected.PrivateId}}","offset":"{{offset}}"}""");
        await EngineTestServer.WaitUntilAsync(() => ((InMemoryAdapter)io.Sockets.Adapter).StoredSessionCount == 0);
        return client;
    }

    [Fact]
    public async Task Off_by_default_the_connect_reply_is_the_sid_alone_and_events_carry_no_offset()
    {
        var io = new SocketIoServer(Options.Create(new SocketIoOptions()), NullLoggerFactory.Instance);
        var client = new UnitClient(io);
        var reply = await client.ConnectAsync();
        Assert.Matches("^40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"\\}$", reply);

        var socket = Assert.Single(io.Sockets.Sockets.Values);
        socket.Emit("direct", 1);
        await io.EmitAsync("broadcast", 2);
        await client.Connection.WaitForFramesAsync(3);
        Assert.Equal(["42[\"direct\",1]", "42[\"broadcast\",2]"], client.Connection.Sent.Skip(1));
        Assert.False(socket.Recovered);
        Assert.False(io.Sockets.Adapter.SupportsConnectionStateRecovery);
    }

    [Fact]
    public async Task On_the_connect_reply_carries_a_private_id_and_every_stored_event_an_offset_last()
    {
        var io = Server();
        var a = await ConnectAsync(io);
        var b = await ConnectAsync(io);
        Assert.Matches("^40\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"pid\":\"[A-Za-z0-9_-]{20}\"\\}$", a.Client.Connection.Sent[0]);
        Assert.NotEqual(a.PrivateId, b.PrivateId);

        a.Socket.Emit("direct", 1);
        await io.EmitAsync("broadcast", new { x = 2 });
        await io.To(a.Socket.Id).EmitAsync("to-one", 3);

        var direct = await WaitForEventAsync(a.Client, "direct");
        var broadcast = await WaitForEventAsync(a.Client, "broadcast");
        var toOne = await WaitForEventAsync(a.Client, "to-one");
        Assert.Matches("^42\\[\"direct\",1,\"[0-9]+\\.[A-Za-z0-9_-]{8}\"\\]$", direct);
        Assert.Matches("^42\\[\"broadcast\",\\{\"x\":2\\},\"[0-9]+\\.[A-Za-z0-9_-]{8}\"\\]$", broadcast);
        Assert.Matches("^42\\[\"to-one\",3,\"[0-9]+\\.[A-Za-z0-9_-]{8}\"\\]$", toOne);
        Assert.Equal(3, new[] { direct, broadcast, toOne }.Select(OffsetOf).Distinct().Count());

        // A broadcast has one offset and is encoded once: both clients got the same bytes.
        var other = await WaitForEventAsync(b.Client, "broadcast");
        Assert.Equal(broadcast, other);
        Assert.True(MemoryMarshal.TryGetArray(a.Client.Connection.Frames.ElementAt(2).Payload, out var first));
        Assert.True(MemoryMarshal.TryGetArray(b.Client.Connection.Frames.ElementAt(1).Payload, out var second));
        Assert.Same(first.Array, second.Array);
    }

    [Fact]
    public async Task Volatile_events_acknowledgements_and_events_that_ask_for_one_carry_no_offset()
    {
        var io = Server();
        io.OnConnection(socket => socket.On("ask", (int n) => n + 1));
        var a = await ConnectAsync(io);

        a.Socket.Volatile.Emit("volatile", 1);
        await io.Volatile.EmitAsync("volatile-broadcast", 2);
        var question = a.Socket.EmitWithAckAsync("question", 3);
        var poll = io.Timeout(TimeSpan.FromSeconds(10)).EmitWithAckAsync("poll", 4);
        await a.Client.SendAsync("21[\"ask\",5]");

        Assert.Equal("42[\"volatile\",1]", await WaitForEventAsync(a.Client, "volatile"));
        Assert.Equal("42[\"volatile-broadcast\",2]", await WaitForEventAsync(a.Client, "volatile-broadcast"));
        Assert.Equal("420[\"question\",3]", await a.Client.Connection.WaitForSentAsync(f => f.Contains("\"question\"", StringComparison.Ordinal), "question"));
        Assert.Equal("421[\"poll\",4]", await a.Client.Connection.WaitForSentAsync(f => f.Contains("\"poll\"", StringComparison.Ordinal), "poll"));
        Assert.Equal("431[6]", await a.Client.Connection.WaitForSentAsync(f => f.StartsWith("43", StringComparison.Ordinal), "the answer"));

        await a.Client.SendAsync("30[\"answer\"]");
        await a.Client.SendAsync("31[\"vote\"]");
        Assert.Equal("\"answer\"", (await question.WaitAsync(Infrastructure.TestTimeouts.Default)).Values[0].GetRawText());
        Assert.Single(await poll.WaitAsync(Infrastructure.TestTimeouts.Default));
        Assert.Equal(0, ((InMemoryAdapter)io.Sockets.Adapter).StoredPacketCount);
    }

    [Fact]
    public async Task A_client_that_comes_back_gets_its_socket_and_the_events_it_missed_before_its_connect_reply()
    {
        var io = Server();
        var middlewareRuns = 0;
        io.Use(async (_, next) =>
        {
            Interlocked.Increment(ref middlewareRuns);
            await next();
        });
        var connections = new ConcurrentQueue<(Socket Socket, string[] Rooms)>();
        io.OnConnection(socket => connections.Enqueue((socket, [.. socket.Rooms.Order(StringComparer.Ordinal)])));
        var a = await ConnectAsync(io);
        a.Socket.Join("room");
        a.Socket.Data["user"] = "alice";
        var offset = await SeenOffsetAsync(a);

        await DropAsync(a);
        a.Socket.Emit("direct", 1);                       // its own emits, on the old socket object
        await io.To("room").EmitAsync("room", 2);         // its rooms
        await io.EmitAsync("everyone", 3);
        await io.To("elsewhere").EmitAsync("not-its-room", 4);
        await io.Except("room").EmitAsync("excluded", 5);
        await io.Volatile.EmitAsync("volatile", 6);

        var (b, frames) = await ReconnectAsync(io, new { pid = a.PrivateId, offset, token = "user auth" });

        Assert.Equal(["direct:1", "room:2", "everyone:3"], frames[..^1].Select(Describe));
        Assert.Equal($"40{{\"sid\":\"{a.Socket.Id}\",\"pid\":\"{a.PrivateId}\"}}", frames[^1]);
        var (recovered, rooms) = connections.Last();
        Assert.True(recovered.Recovered);
        Assert.Equal(a.Socket.Id, recovered.Id);
        Assert.Equal(new[] { a.Socket.Id, "room" }.Order(StringComparer.Ordinal), rooms.Order(StringComparer.Ordinal));
        Assert.Equal("alice", recovered.Data["user"]);
        Assert.Equal("user auth", recovered.Handshake.Auth.GetProperty("token").GetString());
        Assert.Equal(1, middlewareRuns);
        Assert.Same(recovered, io.Sockets.Sockets[a.Socket.Id]);

        // It goes on as the same socket: its rooms reach it, and the old socket object's emits too.
        await io.To("room").EmitAsync("after", 7);
        a.Socket.Emit("old-object", 8);
        Assert.Equal("after:7", Describe(await WaitForEventAsync(b, "after")));
        Assert.Equal("old-object:8", Describe(await WaitForEventAsync(b, "old-object")));
    }

    [Fact]
    public async Task Without_skipping_middleware_it_runs_for_the_recovered_socket_and_may_refuse_it()
    {
        var io = Server(o => o.SkipMiddlewares = false);
        var seen = new ConcurrentQueue<(bool Recovered, string Id, object? User)>();
        io.Use(async (socket, next) =>
        {
            seen.Enqueue((socket.Recovered, socket.Id, socket.Data.TryGetValue("user", out var user) ? user : null));
            if (socket.Handshake.Auth.TryGetProperty("refuse", out _))
            {
                throw new SocketIoConnectException("not any more");
            }

            await next();
        });
        var a = await ConnectAsync(io);
        a.Socket.Data["user"] = "alice";
        var offset = await SeenOffsetAsync(a);
        await DropAsync(a);

        var (b, frames) = await ReconnectAsync(io, new { pid = a.PrivateId, offset });
        Assert.Equal($"40{{\"sid\":\"{a.Socket.Id}\",\"pid\":\"{a.PrivateId}\"}}", frames[^1]);
        Assert.Equal((true, a.Socket.Id, (object?)"alice"), seen.Last());

        // Refused by the middleware, a recovered socket does not connect (and its session is spent).
        var again = io.Sockets.Sockets[a.Socket.Id];
        again.Emit("seen-again");
        var offsetAgain = OffsetOf(await WaitForEventAsync(b, "seen-again"));
        await DropAsync(new Connected(b, again, a.PrivateId));
        var (_, refused) = await ReconnectAsync(io, new { pid = a.PrivateId, offset = offsetAgain, refuse = true });
        Assert.StartsWith("44{\"message\":\"not any more\"", refused[^1], StringComparison.Ordinal);
        Assert.True(seen.Last().Recovered);
        Assert.False(io.Sockets.Sockets.ContainsKey(a.Socket.Id));
    }

    [Theory]
    [InlineData("client namespace disconnect")]
    [InlineData("server namespace disconnect")]
    [InlineData("parse error")]
    [InlineData("outbound buffer full")]
    public async Task A_socket_ended_on_purpose_or_for_bad_input_is_not_kept(string how)
    {
        var io = Server();
        var a = await ConnectAsync(io);
        var offset = await SeenOffsetAsync(a);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        a.Socket.OnDisconnect(_ => closed.TrySetResult());
        switch (how)
        {
            case "client namespace disconnect":
                await a.Client.SendAsync("1");
                break;
            case "server namespace disconnect":
                a.Socket.Disconnect();
                break;
            default:
                a.Client.Handler.OnClosed(how);
                break;
        }

        await closed.Task.WaitAsync(Infrastructure.TestTimeouts.Default);
        Assert.Equal(0, ((InMemoryAdapter)io.Sockets.Adapter).StoredSessionCount);
        var (_, frames) = await ReconnectAsync(io, new { pid = a.PrivateId, offset });
        Assert.DoesNotContain(a.Socket.Id, frames[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("transport close")]
    [InlineData("transport error")]
    [InlineData("ping timeout")]
    [InlineData("forced close")]
    [InlineData("forced server close")]
    [InlineData("server shutting down")]
    public async Task A_socket_whose_connection_dropped_is_kept(string reason)
    {
        var io = Server();
        var a = await ConnectAsync(io);
        var offset = await SeenOffsetAsync(a);
        await DropAsync(a, reason);

        var (_, frames) = await ReconnectAsync(io, new { pid = a.PrivateId, offset });
        Assert.Equal($"40{{\"sid\":\"{a.Socket.Id}\",\"pid\":\"{a.PrivateId}\"}}", frames[^1]);
    }

    [Fact]
    public async Task The_window_bounds_how_long_a_session_is_kept()
    {
        var clock = new ManualTimeProvider();
        var io = Server(o => o.MaxDisconnectionDuration = TimeSpan.FromSeconds(30), clock);
        var a = await ConnectAsync(io);
        var b = await ConnectAsync(io);
        var offsetA = await SeenOffsetAsync(a);
        var offsetB = await SeenOffsetAsync(b);
        await DropAsync(a);
        await DropAsync(b);

        clock.Advance(TimeSpan.FromSeconds(30));
        var (_, inTime) = await ReconnectAsync(io, new { pid = a.PrivateId, offset = offsetA });
        Assert.Contains(a.Socket.Id, inTime[^1], StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromTicks(1));
        var (_, late) = await ReconnectAsync(io, new { pid = b.PrivateId, offset = offsetB });
        Assert.DoesNotContain(b.Socket.Id, late[^1], StringComparison.Ordinal);
        Assert.Equal(0, ((InMemoryAdapter)io.Sockets.Adapter).StoredSessionCount);
    }

    [Fact]
    public async Task A_client_whose_missed_events_were_dropped_gets_a_new_socket()
    {
        var io = Server(o => o.MaxStoredPackets = 3);
        var a = await ConnectAsync(io);
        var offset = await SeenOffsetAsync(a);
        await DropAsync(a);
        for (var i = 0; i < 3; i++)
        {
            a.Socket.Emit("missed", i);
        }

        // Three kept, the oldest (the one the client saw) dropped: nothing proves the client has all before them.
        var (_, frames) = await ReconnectAsync(io, new { pid = a.PrivateId, offset });
        Assert.Single(frames);
        Assert.DoesNotContain(a.Socket.Id, frames[0], StringComparison.Ordinal);
        Assert.Equal(3, ((InMemoryAdapter)io.Sockets.Adapter).StoredPacketCount);
    }

    [Fact]
    public async Task A_session_is_recovered_once()
    {
        var io = Server();
        var a = await ConnectAsync(io);
        var offset = await SeenOffsetAsync(a);
        await DropAsync(a);

        var (_, first) = await ReconnectAsync(io, new { pid = a.PrivateId, offset });
        var (_, second) = await ReconnectAsync(io, new { pid = a.PrivateId, offset });
        Assert.Contains(a.Socket.Id, first[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(a.Socket.Id, second[^1], StringComparison.Ordinal);
        Assert.Equal(2, io.Sockets.Sockets.Count);
    }

    [Fact]
    public async Task A_private_id_of_another_namespace_is_not_recovered_there()
    {
        var io = Server();
        io.Of("/other").OnConnection(_ => { });
        var a = await ConnectAsync(io, "/");
        var offset = await SeenOffsetAsync(a);
        await DropAsync(a);

        var (_, frames) = await ReconnectAsync(io, new { pid = a.PrivateId, offset }, "/other");
        Assert.StartsWith("40/other,{\"sid\":", frames[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(a.Socket.Id, frames[^1], StringComparison.Ordinal);
        Assert.Equal(1, ((InMemoryAdapter)io.Sockets.Adapter).StoredSessionCount);
    }

    [Fact]
    public async Task Another_clients_offset_replays_only_this_clients_own_events()
    {
        var io = Server();
        var x = await ConnectAsync(io);
        var y = await ConnectAsync(io);
        x.Socket.Join("x");
        y.Socket.Join("y");
        await io.To("x").EmitAsync("x-first");
        var offsetOfX = OffsetOf(await WaitForEventAsync(x.Client, "x-first"));
        await io.To("x").EmitAsync("secret-x");
        await io.To("y").EmitAsync("y-first");
        await WaitForEventAsync(y.Client, "y-first");
        await DropAsync(y);
        await io.To("x").EmitAsync("secret-x-2");

        var (_, frames) = await ReconnectAsync(io, new { pid = y.PrivateId, offset = offsetOfX });

        // The replay starts where the borrowed offset says, and still holds only what was sent to y's rooms.
        Assert.Equal(["y-first"], frames[..^1].Select(Describe));
        Assert.Contains(y.Socket.Id, frames[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"pid":"$pid","offset":"$offset!"}""")]
    [InlineData("""{"pid":"$pid","offset":"999999999999.AAAAAAAA"}""")]
    [InlineData("""{"pid":"$pid","offset":"-1.AAAAAAAA"}""")]
    [InlineData("""{"pid":"$pid","offset":"0"}""")]
    [InlineData("""{"pid":"$pid","offset":"."}""")]
    [InlineData("""{"pid":"$pid","offset":""}""")]
    [InlineData("""{"pid":"$pid","offset":"99999999999999999999999999.AAAAAAAA"}""")]
    [InlineData("""{"pid":"$pid!","offset":"$offset"}""")]
    [InlineData("""{"pid":"","offset":"$offset"}""")]
    [InlineData("""{"pid":1,"offset":"$offset"}""")]
    [InlineData("""{"pid":"$pid","offset":null}""")]
    [InlineData("""{"pid":{"pid":"$pid"},"offset":"$offset"}""")]
    [InlineData("""{"offset":"$offset"}""")]
    [InlineData("""{"pid":"\ud800$pid","offset":"$offset"}""")]
    public async Task Tampered_credentials_give_a_new_socket_and_nothing_else(string auth)
    {
        var io = Server();
        var a = await ConnectAsync(io);
        var offset = await SeenOffsetAsync(a);
        await DropAsync(a);
        a.Socket.Emit("for-the-victim");

        var client = new UnitClient(io);
        await client.SendAsync("0" + auth.Replace("$pid", a.PrivateId, StringComparison.Ordinal).Replace("$offset", offset, StringComparison.Ordinal));
        var answer = await UnitClient.AnsweredAsync(client.Connection, client.Handler, "/");

        Assert.Equal([answer], client.Connection.Sent);
        Assert.DoesNotContain(a.Socket.Id, answer, StringComparison.Ordinal);
        Assert.Null(client.Connection.ClosedWith);
    }

    [Fact]
    public async Task Credentials_next_to_keys_holding_lone_surrogates_are_read()
    {
        var io = Server();
        var a = await ConnectAsync(io);
        var offset = await SeenOffsetAsync(a);
        await DropAsync(a);

        var client = new UnitClient(io);
        await client.SendAsync($$"""0{"\ud800":"\udc00","pid":"{{a.PrivateId}}","offset":"{{offset}}"}""");
        var answer = await UnitClient.AnsweredAsync(client.Connection, client.Handler, "/");
        Assert.Contains(a.Socket.Id, answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovering_connect_waits_for_the_old_sockets_close_and_misses_nothing_sent_meanwhile()
    {
        var io = Server();
        using var release = new ManualResetEventSlim();
        var a = await ConnectAsync(io);
        a.Socket.Join("room");
        a.Socket.Emit("seen", 0);
        var offset = OffsetOf(await WaitForEventAsync(a.Client, "seen"));

        // The old socket's disconnect listener holds its close on the lifecycle queue, with its rooms still joined.
        await DropWithCloseHeldAsync(a, a.Socket.OnDisconnecting, release);
        var b = await StartRecoveryAsync(io, a, offset);
        for (var i = 1; i <= 5; i++)
        {
            await io.To("room").EmitAsync("during", i);
        }

        Assert.Empty(b.Connection.Sent);
        release.Set();
        var answer = await UnitClient.AnsweredAsync(b.Connection, b.Handler, "/");
        for (var i = 6; i <= 8; i++)
        {
            await io.To("room").EmitAsync("during", i);
        }

        await b.Connection.WaitForFramesAsync(9);
        var sent = b.Connection.Sent;
        Assert.Equal(answer, sent[5]);
        Assert.Equal([.. Enumerable.Range(1, 8).Select(i => $"during:{i}")], sent.Where(f => f != answer).Select(Describe));

        // The old close left its rooms before the new socket joined them.
        Assert.Equal(new[] { a.Socket.Id, "room" }.Order(StringComparer.Ordinal), io.Sockets.Sockets[a.Socket.Id].Rooms.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Events_dropped_while_the_recovering_connect_waited_close_the_connection()
    {
        var io = Server(o => o.MaxStoredPackets = 2);
        using var release = new ManualResetEventSlim();
        var a = await ConnectAsync(io);
        var offset = await SeenOffsetAsync(a);
        await DropWithCloseHeldAsync(a, a.Socket.OnDisconnect, release);
        var b = await StartRecoveryAsync(io, a, offset);
        for (var i = 0; i < 3; i++)
        {
            a.Socket.Emit("missed", i);
        }

        release.Set();
        Assert.Equal(SocketIoDisconnectReasons.ForcedServerClose, await b.Connection.WaitClosedAsync());
        Assert.Empty(b.Connection.Sent);
        Assert.False(io.Sockets.Sockets.ContainsKey(a.Socket.Id));
        Assert.DoesNotContain(a.Socket.Id, io.Sockets.Adapter.Rooms);
    }

    [Fact]
    public async Task Broadcasts_racing_a_recovery_reach_the_client_once_each_in_order()
    {
        const int count = 2000;
        var io = Server(o => o.MaxStoredPackets = count * 2);
        var a = await ConnectAsync(io);
        await io.EmitAsync("n", -1);
        var offset = OffsetOf(await WaitForEventAsync(a.Client, "n"));
        await DropAsync(a);

        var producer = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await io.EmitAsync("n", i);
            }
        });
        var (b, _) = await ReconnectAsync(io, new { pid = a.PrivateId, offset });
        await producer.WaitAsync(Infrastructure.TestTimeouts.Default);
        await b.Connection.WaitForFramesAsync(count + 1);

        var numbers = b.Connection.Sent.Where(f => f.StartsWith("42", StringComparison.Ordinal)).Select(f => Payload(f)[1].GetInt32());
        Assert.Equal(Enumerable.Range(0, count), numbers);
    }

    [Fact]
    public async Task A_client_of_protocol_v4_gets_no_private_id_and_its_own_events_no_offset()
    {
        var io = Server();
        var connection = new RecordingConnection { ProtocolVersion = 3 };
        io.EngineHandler.OnOpened(connection);
        await connection.WaitForSentAsync(f => f.StartsWith("40", StringComparison.Ordinal), "the CONNECT reply");
        Assert.Equal("40", connection.Sent[0]);
        await EngineTestServer.WaitUntilAsync(() => io.Sockets.Sockets.Count > 0);

        var socket = Assert.Single(io.Sockets.Sockets.Values);
        socket.Emit("direct");

        // Broadcasts are encoded once for every client: 2.x clients get the offset as an argument, as with Node.
        await io.EmitAsync("broadcast");
        await connection.WaitForFramesAsync(3);
        Assert.Equal("42[\"direct\"]", connection.Sent[1]);
        Assert.Matches("^42\\[\"broadcast\",\"[0-9]+\\.[A-Za-z0-9_-]{8}\"\\]$", connection.Sent[2]);
    }

    [Fact]
    public async Task An_adapter_that_fails_to_restore_gives_a_new_socket()
    {
        var io = Server(adapters: new FailingAdapterFactory());
        var client = new UnitClient(io);
        await client.SendAsync("""0{"pid":"AAAAAAAAAAAAAAAAAAAA","offset":"1"}""");
        var answer = await UnitClient.AnsweredAsync(client.Connection, client.Handler, "/");
        Assert.Matches("^40\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"pid\":\"[A-Za-z0-9_-]{20}\"\\}$", answer);
        Assert.False(Assert.Single(io.Sockets.Sockets.Values).Recovered);
    }

    private sealed class FailingAdapterFactory : IAdapterFactory
    {
        public Adapter Create(IAdapterHost host) => new FailingAdapter(host);

        private sealed class FailingAdapter(IAdapterHost host) : Adapter(host)
        {
            public override bool SupportsConnectionStateRecovery => true;

            public override ValueTask<ConnectionSession?> RestoreSessionAsync(string privateId, string offset, CancellationToken cancellationToken = default)
                => throw new InvalidOperationException("the store is down");
        }
    }
}
