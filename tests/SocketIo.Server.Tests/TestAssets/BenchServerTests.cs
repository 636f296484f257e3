using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.SocketIoLayer;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.TestAssets;

/// <summary>The benchmark server, started as the benchmarks start it: its built dll, HOST and PORT from the environment.</summary>
public sealed class BenchServerTests(ITestOutputHelper output, SocketIo.Redis.Tests.Infrastructure.RedisServer redis) : IClassFixture<SocketIo.Redis.Tests.Infrastructure.RedisServer>
{
    [Fact]
    public async Task Join_bcast_and_echo_answer_as_the_load_generator_expects()
    {
        await using var server = await TestAssetProcess.StartBenchServerAsync(output);

        var plan = System.Text.Json.JsonSerializer.Serialize(new object[]
        {
            new { op = "connect", client = "a" },
            new { op = "connect", client = "b" },
            new { op = "emitWithAck", client = "a", @event = "join", args = new object[] { "r" } },
            new { op = "emitWithAck", client = "b", @event = "join", args = new object[] { "r" } },
            new { op = "emitWithAck", client = "a", @event = "bcast", args = new object[] { "r", 3, new { text = "hi" } } },
            new { op = "wait", client = "b", @event = "msg", count = 3 },
            new { op = "emitWithAck", client = "a", @event = "echo", args = new object[] { new { n = 7 } } },
        });
        var run = await NodeScript.RunAsync("socketio/driver.mjs", [server.BaseUrl, plan], output);
        run.AssertRan();
        var result = new DriverResult(run);

        Assert.Equal(["[null]", "[null]", "[{\"n\":7}]"], result.Acks("a").Select(a => a.GetProperty("args").GetRawText()));
        Assert.Equal(["[{\"text\":\"hi\"}]", "[{\"text\":\"hi\"}]", "[{\"text\":\"hi\"}]"], result.Received("msg", "b"));
        Assert.Equal(3, result.Received("msg", "a").Count);
    }

    [Theory]
    [InlineData("classic")]
    [InlineData("sharded")]
    public async Task With_REDIS_two_servers_are_one_cluster(string mode)
    {
        await using var first = await StartNodeAsync(mode);
        await using var second = await StartNodeAsync(mode);

        // b and c are on the second server; a broadcast from the first reaches b, twice, and not c (not in the room).
        var plan = System.Text.Json.JsonSerializer.Serialize(new object[]
        {
            new { op = "connect", client = "a" },
            new { op = "connect", client = "b", url = second.BaseUrl },
            new { op = "connect", client = "c", url = second.BaseUrl },
            new { op = "emitWithAck", client = "a", @event = "join", args = new object[] { "r" } },
            new { op = "emitWithAck", client = "b", @event = "join", args = new object[] { "r" } },
            new { op = "emitWithAck", client = "a", @event = "bcast", args = new object[] { "r", 2, new { text = "hi" } } },
            new { op = "wait", client = "b", @event = "msg", count = 2 },
        });
        var run = await NodeScript.RunAsync("socketio/driver.mjs", [first.BaseUrl, plan], output);
        run.AssertRan();
        var result = new DriverResult(run);

        Assert.Equal(["[{\"text\":\"hi\"}]", "[{\"text\":\"hi\"}]"], result.Received("msg", "b"));
        Assert.Equal(2, result.Received("msg", "a").Count);
        Assert.Empty(result.Received("msg", "c"));
    }

    private Task<TestAssetProcess> StartNodeAsync(string mode) => TestAssetProcess.StartAsync("BenchServerDll", (start, port) =>
    {
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["REDIS"] = redis.Configuration;
        start.Environment["REDIS_MODE"] = mode;
    }, output);
}
