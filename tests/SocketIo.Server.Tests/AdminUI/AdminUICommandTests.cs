using System.Text.Json;
using SocketIo.AdminUI;
using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.SocketIoLayer;
using Xunit.Abstractions;
using static SocketIo.Server.Tests.AdminUI.AdminUITestServer;

namespace SocketIo.Server.Tests.AdminUI;

/// <summary>
/// The UI's commands, sent by the real socket.io-client as the UI sends them. A "probe" socket on <c>/</c> shares the
/// UI's connection: the server handles one connection's packets in order, so its <c>state</c> answer comes after the
/// commands before it were handled. Commands wait for the UI's <c>config</c>, sent by the admin namespace's connection
/// handler: until that handler is done the namespace's packets are held, while those for <c>/</c> go straight through.
/// </summary>
public sealed class AdminUICommandTests(ITestOutputHelper output)
{
    private static object Command(string name, params object?[] args) => new { op = "emit", client = "ui", @event = name, args };

    private static object State() => new { op = "emitWithAck", client = "probe", @event = "state" };

    [Fact]
    public async Task Join_emit_leave_and_disconnect_act_on_the_sockets_of_the_room_filter()
    {
        await using var server = await StartAsync(output, o => o.Mode = AdminUIMode.Production);

        var run = await server.RunAsync(
            new { op = "connect", client = "a", query = new { room = "target" } },
            new { op = "connect", client = "other" },
            new { op = "connect", client = "c", query = new { room = "closing" } },
            LoginWithPassword(multiplex: true),
            Wait("ui", "config"),
            new { op = "connect", client = "probe", multiplex = true },
            Command("join", "/", "r1", "target"),
            Command("emit", "/", "r1", "news", 1, "x"),
            new { op = "wait", client = "a", @event = "news" },
            Command("leave", "/", "r1", "target"),
            State(),
            Command("_disconnect", "/", false, "target"),
            new { op = "waitDisconnect", client = "a" },
            Command("_disconnect", "/", true, "closing"),
            new { op = "waitDisconnect", client = "c" },
            State());

        var a = run.Connect("a").StringProperty("sid")!;
        Assert.Equal("[1,\"x\"]", Assert.Single(run.Received("news", "a")));
        Assert.Empty(run.Received("news", "other"));

        var before = Sockets(run.Acks("probe")[0]);
        Assert.Equal(new[] { a, "target" }.Order(StringComparer.Ordinal), before[a]);
        Assert.Equal("io server disconnect", run.Only("disconnect", "a").StringProperty("reason"));
        Assert.Equal("io server disconnect", run.Only("disconnect", "c").StringProperty("reason"));

        var after = Sockets(run.Acks("probe")[1]);
        Assert.DoesNotContain(a, after.Keys);
        Assert.Contains(run.Connect("other").StringProperty("sid")!, after.Keys);
        AssertNotDisconnectedByTheServer(run, "other");
    }

    [Fact]
    public async Task A_command_without_a_filter_acts_on_every_socket_of_the_namespace()
    {
        await using var server = await StartAsync(output, o => o.Mode = AdminUIMode.Production);

        var run = await server.RunAsync(
            new { op = "connect", client = "a" },
            new { op = "connect", client = "b" },
            LoginWithPassword(multiplex: true),
            Wait("ui", "config"),
            new { op = "connect", client = "probe", multiplex = true },
            Command("join", "/", "everyone"),
            State());

        var rooms = Sockets(Assert.Single(run.Acks("probe")));
        Assert.All(rooms.Values, r => Assert.Contains("everyone", r));
        Assert.Equal(3, rooms.Count);
    }

    [Fact]
    public async Task A_read_only_UI_cannot_change_anything()
    {
        await using var server = await StartAsync(output, o =>
        {
            o.Mode = AdminUIMode.Production;
            o.ReadOnly = true;
        });

        var run = await server.RunAsync(
            new { op = "connect", client = "a", query = new { room = "target" } },
            LoginWithPassword(multiplex: true),
            Wait("ui", "config"),
            new { op = "connect", client = "probe", multiplex = true },
            Command("join", "/", "r1", "target"),
            Command("emit", "/", "target", "news", 1),
            Command("_disconnect", "/", true, "target"),
            Command("_disconnect", "/admin", false, null),
            State(),
            new { op = "emitWithAck", client = "a", @event = "hello", args = new object[] { "still here" } });

        var a = run.Connect("a").StringProperty("sid")!;
        Assert.Equal(new[] { a, "target" }.Order(StringComparer.Ordinal), Sockets(Assert.Single(run.Acks("probe")))[a]);
        Assert.Empty(run.Received("news", "a"));
        AssertNotDisconnectedByTheServer(run, "a");
        AssertNotDisconnectedByTheServer(run, "ui");
        Assert.Equal("""["still here"]""", Assert.Single(run.Acks("a")).GetProperty("args").GetRawText());
    }

    [Fact]
    public async Task Commands_naming_no_namespace_or_with_wrong_arguments_are_ignored_and_logged()
    {
        await using var server = await StartAsync(output, o => o.Mode = AdminUIMode.Production);

        var run = await server.RunAsync(
            new { op = "connect", client = "a" },
            LoginWithPassword(multiplex: true),
            Wait("ui", "config"),
            new { op = "connect", client = "probe", multiplex = true },
            Command("join", "/nowhere", "r1"),
            Command("join", "/", 42),
            Command("_disconnect", "/", false, new { room = "x" }),
            Command("emit", "/", null),
            State());

        var a = run.Connect("a").StringProperty("sid")!;
        Assert.Equal([a], Sockets(Assert.Single(run.Acks("probe")))[a]);
        AssertNotDisconnectedByTheServer(run, "a");
        Assert.Contains(server.Host.Logs, l => l.Contains("no namespace /nowhere on this server", StringComparison.Ordinal));
        Assert.Contains(server.Host.Logs, l => l.Contains("the room (argument 2) is not a non-empty string", StringComparison.Ordinal));
        Assert.Contains(server.Host.Logs, l => l.Contains("the room filter is neither", StringComparison.Ordinal));
        Assert.Contains(server.Host.Logs, l => l.Contains("the event name (argument 3)", StringComparison.Ordinal));
    }

    /// <summary>The driver disconnects every client itself at the end; nothing else may have.</summary>
    private static void AssertNotDisconnectedByTheServer(DriverResult run, string client)
        => Assert.All(run.Lines("disconnected", client), l => Assert.Equal("io client disconnect", l.StringProperty("reason")));

    /// <summary>The <c>state</c> answer: each socket of <c>/</c> with its rooms in order.</summary>
    private static Dictionary<string, string[]> Sockets(JsonElement ack)
        => ack.GetProperty("args")[0].EnumerateArray().ToDictionary(
            s => s.GetProperty("id").GetString()!,
            s => s.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()!).ToArray());
}
