using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SocketIo.AdminUI;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;
using static SocketIo.Server.Tests.AdminUI.AdminUITestServer;

namespace SocketIo.Server.Tests.AdminUI;

/// <summary>What the UI is told, by mode: every kind of event in development mode, the stats alone in production.</summary>
public sealed class AdminUIEventTests(ITestOutputHelper output)
{
    [Fact]
    public async Task In_development_mode_the_UI_gets_every_socket_then_each_connection_event_room_change_update_and_disconnection()
    {
        await using var server = await StartAsync(output, o => o.Mode = AdminUIMode.Development);

        var run = await server.RunAsync(
            new
            {
                op = "connect",
                client = "a",
                query = new { room = "target" },
                extraHeaders = new Dictionary<string, string> { ["cookie"] = "session=secret", ["authorization"] = "Bearer secret", ["x-trace"] = "visible" },
            },
            LoginWithPassword(),
            Wait("ui", "config"),
            Wait("ui", "all_sockets"),
            new { op = "connect", client = "b" },
            Wait("ui", "socket_connected", count: 1),
            new { op = "emitWithAck", client = "b", @event = "hello", args = new object[] { "x" } },
            Wait("ui", "event_received"),
            new { op = "emitWithAck", client = "b", @event = "join-room", args = new object[] { "r1" } },
            new { op = "emitWithAck", client = "b", @event = "leave-room", args = new object[] { "r1" } },
            Wait("ui", "room_left"),
            new { op = "emitWithAck", client = "b", @event = "set-data", args = new object[] { "blue" } },
            Wait("ui", "socket_updated"),
            new { op = "disconnect", client = "b" },
            Wait("ui", "socket_disconnected"),
            Wait("ui", "server_stats", count: 2));

        var a = run.Connect("a").StringProperty("sid")!;
        var b = run.Connect("b").StringProperty("sid")!;

        // Every socket that was there, described as the UI reads it.
        var all = Assert.Single(run.Events("all_sockets"))[0];
        var aView = all.EnumerateArray().Single(s => s.GetProperty("id").GetString() == a);
        Assert.Equal("/", aView.GetProperty("nsp").GetString());
        Assert.Equal("websocket", aView.GetProperty("transport").GetString());
        Assert.Equal(12, aView.GetProperty("clientId").GetString()!.Length);
        Assert.Equal(new[] { a, "target" }.Order(StringComparer.Ordinal), aView.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal));
        var handshake = aView.GetProperty("handshake");
        Assert.Equal("127.0.0.1", handshake.GetProperty("address").GetString());
        Assert.Equal("target", handshake.GetProperty("query").GetProperty("room").GetString());
        var headers = handshake.GetProperty("headers");
        Assert.True(headers.TryGetProperty("host", out _));
        Assert.Equal("visible", headers.GetProperty("x-trace").GetString());
        Assert.Equal("(hidden)", headers.GetProperty("cookie").GetString());
        Assert.Equal("(hidden)", headers.GetProperty("authorization").GetString());
        Assert.DoesNotContain("secret", all.GetRawText(), StringComparison.Ordinal);
        Assert.False(handshake.TryGetProperty("auth", out _));
        Assert.Equal(JsonValueKind.Number, handshake.GetProperty("issued").ValueKind);
        Assert.Contains(all.EnumerateArray(), s => s.GetProperty("nsp").GetString() == "/admin");

        // b's life, in the UI's argument shapes: (socket, time), (nsp, id, [event, ...args], time), (nsp, room, id, time)…
        var connected = run.Events("socket_connected").Single(e => e[0].GetProperty("id").GetString() == b);
        Assert.Equal("/", connected[0].GetProperty("nsp").GetString());
        AssertTime(connected[1]);

        var received = Assert.Single(run.Events("event_received"), e => e[2][0].GetString() == "hello");
        Assert.Equal($"/|{b}", Strings(received, 2));
        Assert.Equal("""["hello","x"]""", received[2].GetRawText());
        AssertTime(received[3]);

        var sent = run.Events("event_sent").Single(e => e[1].GetString() == b);
        Assert.Equal("""["welcome","hi"]""", sent[2].GetRawText());

        var joined = run.Events("room_joined").Where(e => e[2].GetString() == b).Select(e => e[1].GetString()).ToArray();
        Assert.Equal(new[] { b, "r1" }.Order(StringComparer.Ordinal), joined.Order(StringComparer.Ordinal));
        var left = Assert.Single(run.Events("room_left"), e => e[1].GetString() == "r1");
        Assert.Equal($"/|r1|{b}", Strings(left, 3));

        var updated = Assert.Single(run.Events("socket_updated"), e => e[0].GetProperty("id").GetString() == b)[0];
        Assert.Equal("""{"color":"blue"}""", updated.GetProperty("data").GetRawText());
        Assert.Equal("/", updated.GetProperty("nsp").GetString());

        var disconnected = Assert.Single(run.Events("socket_disconnected"), e => e[1].GetString() == b);
        Assert.Equal($"/|{b}|client namespace disconnect", Strings(disconnected, 3));
        AssertTime(disconnected[3]);

        AssertStats(run);
    }

    [Fact]
    public async Task In_production_mode_the_UI_gets_the_stats_and_nothing_per_socket()
    {
        await using var server = await StartAsync(output, o => o.Mode = AdminUIMode.Production);

        var run = await server.RunAsync(
            LoginWithPassword(),
            Wait("ui", "config"),
            new { op = "connect", client = "b" },
            new { op = "emitWithAck", client = "b", @event = "join-room", args = new object[] { "r1" } },
            Wait("ui", "server_stats", count: 1),
            new { op = "emitWithAck", client = "b", @event = "hello", args = new object[] { "x" } },
            Wait("ui", "server_stats", count: 3));

        foreach (var kind in new[] { "all_sockets", "socket_connected", "event_received", "event_sent", "room_joined", "socket_updated" })
        {
            Assert.Empty(run.Events(kind));
        }

        AssertStats(run);
    }

    [Fact]
    public async Task A_dynamic_namespace_child_created_after_the_start_is_watched_too()
    {
        await using var server = await SocketIoLayer.SocketIoTestServer.StartAsync(
            output,
            io => io.Of(new System.Text.RegularExpressions.Regex("^/room-\\d+$")).OnConnection(socket => socket.Emit("welcome", socket.Namespace.Name)),
            builder: b => b.Services.AddSocketIo().AddAdminUI(o =>
            {
                o.AllowAnonymous = true;
                o.Mode = AdminUIMode.Development;
            }));

        var run = await server.RunAsync(
            Login("ui", new { }),
            Wait("ui", "all_sockets"),
            new { op = "connect", client = "c", nsp = "/room-7" },
            Wait("ui", "event_sent"));

        var c = run.Connect("c").StringProperty("sid")!;
        Assert.Contains(run.Events("socket_connected"), e => e[0].GetProperty("id").GetString() == c && e[0].GetProperty("nsp").GetString() == "/room-7");
        var sent = Assert.Single(run.Events("event_sent"));
        Assert.Equal($"/room-7|{c}", Strings(sent, 2));
        Assert.Equal("""["welcome","/room-7"]""", sent[2].GetRawText());
    }

    /// <summary>The stats: this server's id, its namespaces, and the traffic the run caused as aggregated counts.</summary>
    private static void AssertStats(SocketIoLayer.DriverResult run)
    {
        var stats = run.Events("server_stats").Select(e => e[0]).ToList();
        Assert.All(stats, s =>
        {
            Assert.Equal("test-node", s.GetProperty("serverId").GetString());
            Assert.Equal(Environment.ProcessId, s.GetProperty("pid").GetInt32());
            Assert.Equal(Environment.MachineName, s.GetProperty("hostname").GetString());
            Assert.True(s.GetProperty("uptime").GetDouble() > 0);
            Assert.True(s.GetProperty("clientsCount").GetInt32() >= 1);
            Assert.Equal(0, s.GetProperty("pollingClientsCount").GetInt32());
            Assert.Contains(s.GetProperty("namespaces").EnumerateArray(), n => n.GetProperty("name").GetString() == "/admin" && n.GetProperty("socketsCount").GetInt32() == 1);
        });

        var events = stats.SelectMany(s => s.GetProperty("aggregatedEvents").EnumerateArray()).ToList();
        long Total(string type) => events.Where(e => e.GetProperty("type").GetString() == type).Sum(e => e.GetProperty("count").GetInt64());
        Assert.True(Total("rawConnection") >= 1, "the client that connected after the admin is counted");
        Assert.True(Total("packetsIn") >= 2 && Total("bytesIn") > Total("packetsIn"), "its CONNECT and events are counted");
        Assert.True(Total("packetsOut") >= 2 && Total("bytesOut") > Total("packetsOut"), "what it was sent is counted");
        Assert.All(events, e => Assert.Equal(0, e.GetProperty("timestamp").GetInt64() % 1000));
    }

    /// <summary>The first <paramref name="count"/> arguments, strings all, joined with '|'.</summary>
    private static string Strings(JsonElement args, int count) => string.Join("|", args.EnumerateArray().Take(count).Select(a => a.GetString()));

    private static void AssertTime(JsonElement time)
    {
        var text = time.GetString()!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", text);
        var parsed = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        Assert.InRange(parsed, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }
}
