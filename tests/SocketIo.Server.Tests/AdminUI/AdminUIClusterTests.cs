using Microsoft.Extensions.DependencyInjection;
using SocketIo.Adapters;
using SocketIo.Adapters.Tests.Cluster;
using SocketIo.AdminUI;
using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.SocketIoLayer;
using Xunit.Abstractions;
using static SocketIo.Server.Tests.AdminUI.AdminUITestServer;

namespace SocketIo.Server.Tests.AdminUI;

/// <summary>Two servers on one in-memory bus, each with the Admin UI: a UI logged in to one sees and acts on both.</summary>
public sealed class AdminUIClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_UI_on_one_node_sees_the_sockets_and_stats_of_both_and_disconnects_a_socket_of_the_other()
    {
        var bus = new InMemoryBus();
        await using var nodeA = await StartNodeAsync(bus, "node-a");
        await using var nodeB = await StartNodeAsync(bus, "node-b");
        var urlB = nodeB.Host.BaseUri.ToString();

        var run = await nodeA.RunAsync(
            new { op = "connect", client = "b1", url = urlB },
            LoginWithPassword(),
            Wait("ui", "all_sockets"),
            new { op = "connect", client = "b2", url = urlB, query = new { room = "target" } },
            Wait("ui", "socket_connected"),
            Wait("ui", "server_stats", count: 12),
            new { op = "emit", client = "ui", @event = "_disconnect", args = new object?[] { "/", false, "target" } },
            new { op = "waitDisconnect", client = "b2" },
            Wait("ui", "socket_disconnected"));

        var b1 = run.Connect("b1").StringProperty("sid")!;
        var b2 = run.Connect("b2").StringProperty("sid")!;

        // b1 lives on node B: node A fetched it over the bus, with the connection id and transport node B put in its data.
        var listed = Assert.Single(run.Events("all_sockets"))[0].EnumerateArray().Single(s => s.GetProperty("id").GetString() == b1);
        Assert.Equal("websocket", listed.GetProperty("transport").GetString());
        Assert.Equal(12, listed.GetProperty("clientId").GetString()!.Length);
        Assert.Equal("{}", listed.GetProperty("data").GetRawText());

        Assert.Contains(run.Events("socket_connected"), e => e[0].GetProperty("id").GetString() == b2);
        Assert.Equal(
            ["node-a", "node-b"],
            run.Events("server_stats").Select(e => e[0].GetProperty("serverId").GetString()!).Distinct().Order(StringComparer.Ordinal));

        Assert.Equal("io server disconnect", run.Only("disconnect", "b2").StringProperty("reason"));
        Assert.Contains(run.Events("socket_disconnected"), e => e[1].GetString() == b2 && e[2].GetString() == "server namespace disconnect");
        Assert.All(run.Lines("disconnected", "b1"), l => Assert.Equal("io client disconnect", l.StringProperty("reason")));
    }

    private Task<SocketIoTestServer> StartNodeAsync(InMemoryBus bus, string serverId)
        => StartAsync(
            output,
            o =>
            {
                o.Mode = AdminUIMode.Development;
                o.ServerId = serverId;
            },
            b => b.Services.AddSingleton<IAdapterFactory>(new BusAdapterFactory(bus)));

    private sealed class BusAdapterFactory(InMemoryBus bus) : IAdapterFactory
    {
        public Adapter Create(IAdapterHost host) => new InMemoryBusAdapter(host, bus);
    }
}
