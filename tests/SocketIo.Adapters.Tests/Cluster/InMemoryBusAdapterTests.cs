using System.Text;
using SocketIo.Adapters.Cluster;
using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Tests.Cluster;

/// <summary>A cluster adapter alone on its bus meets the one-node specification.</summary>
public sealed class InMemoryBusAdapterTests : AdapterSpecification
{
    protected override Adapter CreateAdapter(IAdapterHost host) => new InMemoryBusAdapter(host, new InMemoryBus());
}

/// <summary>Two nodes on an in-memory bus meet the cluster specification.</summary>
public sealed class InMemoryBusTwoNodeTests : ClusterAdapterSpecification
{
    private readonly InMemoryBus _bus = new();

    protected override int NodeCount => 2;

    protected override Adapter CreateAdapter(int node, IAdapterHost host) => new InMemoryBusAdapter(host, _bus);
}

/// <summary>Three nodes on an in-memory bus meet the cluster specification.</summary>
public sealed class InMemoryBusThreeNodeTests : ClusterAdapterSpecification
{
    private readonly InMemoryBus _bus = new();

    protected override int NodeCount => 3;

    protected override Adapter CreateAdapter(int node, IAdapterHost host) => new InMemoryBusAdapter(host, _bus);
}

/// <summary>What a cluster adapter does when its bus fails, a node stays silent, or it is closed.</summary>
public sealed class ClusterAdapterFailureTests : IAsyncLifetime
{
    private readonly InMemoryBus _bus = new();
    private readonly RecordingAdapterHost _hostA = new("/", "aaaaaaaaaaaaaaaa");
    private readonly RecordingAdapterHost _hostB = new("/", "bbbbbbbbbbbbbbbb");
    private InMemoryBusAdapter _a = null!;
    private InMemoryBusAdapter _b = null!;

    private static readonly PacketPayload Hello = new(Encoding.UTF8.GetBytes("[\"hello\"]"), []);

    public async Task InitializeAsync()
    {
        _a = new InMemoryBusAdapter(_hostA, _bus, new ClusterAdapterOptions { RequestsTimeout = TimeSpan.FromMilliseconds(300) });
        _b = new InMemoryBusAdapter(_hostB, _bus);
        await _a.InitAsync();
        await _b.InitAsync();
        _hostA.LocalSockets["a1"] = true;
        _a.AddAll("a1", ["a1"]);
        _hostB.LocalSockets["b1"] = true;
        _b.AddAll("b1", ["b1"]);
    }

    public async Task DisposeAsync()
    {
        await _a.CloseAsync();
        await _b.CloseAsync();
    }

    [Fact]
    public async Task A_bus_failure_surfaces_and_local_sockets_are_still_served()
    {
        _bus.Fail();

        var broadcast = await Assert.ThrowsAsync<IOException>(async () => await _a.BroadcastAsync(Hello, BroadcastOptions.All));
        await Assert.ThrowsAsync<IOException>(async () => await _a.AddSocketsAsync(BroadcastOptions.All, ["joined"]));
        await Assert.ThrowsAsync<IOException>(async () => await _a.ServerSideEmitAsync(Hello));
        await Assert.ThrowsAsync<IOException>(async () => await _a.FetchSocketsAsync(BroadcastOptions.All));

        Assert.Equal("The bus is down.", broadcast.Message);
        Assert.Equal(["a1"], _hostA.Recipients);
        Assert.Contains("joined", _a.SocketRooms("a1"));
    }

    [Fact]
    public async Task A_broadcast_with_ack_whose_publish_fails_still_reports_the_local_count()
    {
        _bus.Fail();
        var counts = new List<int>();

        await Assert.ThrowsAsync<IOException>(async () => await _a.BroadcastWithAckAsync(
            Hello, new BroadcastOptions([], [], new BroadcastFlags(Timeout: TimeSpan.FromSeconds(5))), counts.Add, _ => { }));

        Assert.Equal([1], counts);
    }

    [Fact]
    public async Task A_fetch_times_out_when_a_node_never_answers()
    {
        _bus.Mute(_hostB.ServerId);

        var timeout = await Assert.ThrowsAsync<AdapterTimeoutException>(async () => await _a.FetchSocketsAsync(BroadcastOptions.All));

        Assert.Equal("timeout reached: only 0 responses received out of 1", timeout.Message);
        Assert.Equal(1, timeout.Expected);
    }

    [Fact]
    public async Task Closing_fails_pending_requests_and_later_operations_stay_local()
    {
        _bus.Mute(_hostB.ServerId);
        // Counting the servers and publishing complete at once on this bus: the request is pending when this returns.
        var fetch = _a.FetchSocketsAsync(new BroadcastOptions([], [], new BroadcastFlags(Timeout: TimeSpan.FromSeconds(30)))).AsTask();

        await _a.CloseAsync();
        await _a.BroadcastAsync(Hello, BroadcastOptions.All);
        var afterClose = await _a.FetchSocketsAsync(BroadcastOptions.All);

        await Assert.ThrowsAsync<InvalidOperationException>(() => fetch);
        Assert.Equal(["a1"], afterClose.LocalIds);
        Assert.Empty(afterClose.Remote);
        Assert.Equal(["a1"], _hostA.Recipients);
    }
}
