using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using SocketIo.Adapters;
using SocketIo.Redis;
using SocketIo.Redis.Tests.Infrastructure;
using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.SocketIoLayer;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Redis;

/// <summary>
/// One of our servers and one Node socket.io 4.8 server with @socket.io/redis-adapter 8.3 on the same real Redis,
/// real socket.io-clients on both (tests/interop/redis/mixed-cluster.mjs): every cross-node operation works both
/// ways, in the classic and in the sharded mode; the emitters of both sides reach the other side's clients.
/// </summary>
public sealed class MixedClusterTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>
{
    [Theory]
    [InlineData("classic")]
    [InlineData("sharded")]
    public async Task Our_node_and_a_Node_node_form_one_cluster(string mode)
    {
        var key = RedisKeys.Unique();
        await using var emitterConnection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var emitter = mode == "classic" ? new RedisEmitter(emitterConnection, new RedisEmitterOptions { Key = key }) : null;
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io => ClusterContract.Apply(io, emitter),
            builder: b =>
            {
                var socketIo = new SocketIoBuilderAccess(b);
                if (mode == "classic")
                {
                    socketIo.AddRedisAdapter(redis.Configuration, o => o.Key = key);
                }
                else
                {
                    socketIo.AddRedisShardedAdapter(redis.Configuration, o => o.ChannelPrefix = key);
                }
            });

        var run = await NodeScript.RunAsync("redis/mixed-cluster.mjs", [server.Host.BaseUri.ToString(), $"redis://{redis.Configuration}", mode, key], output);
        var errors = run.Lines.Where(l => l.GetProperty("event").GetString() == "error").Select(l => l.GetRawText()).ToArray();
        Assert.True(errors.Length == 0, string.Join('\n', errors));
        var results = run.Lines.Where(l => l.GetProperty("event").GetString() == "result")
            .ToDictionary(l => l.GetProperty("name").GetString()!, l => l.GetProperty("value"));

        Assert.Equal("""{"dotnet":2,"node":2}""", results["serverCount"].GetRawText());

        // Broadcasts to all and to a room, both ways; only the room's members get the room's.
        var everyBroadcast = """["all-from-dotnet:d1","all-from-node:n1"]""";
        Assert.Equal($$"""{"d1":{{everyBroadcast}},"d2":{{everyBroadcast}},"n1":{{everyBroadcast}},"n2":{{everyBroadcast}}}""", results["broadcastAll"].GetRawText());
        Assert.Equal("""{"d1":[],"d2":["room-from-dotnet","room-from-node"],"n1":[],"n2":["room-from-dotnet","room-from-node"]}""", results["broadcastRoom"].GetRawText());
        Assert.Equal("""{"n2":{"$bin":"AQID"},"d2":{"$bin":"AQID"}}""", results["binary"].GetRawText());

        // Each side's fetch returns the other side's room member with its handshake, rooms and data.
        foreach (var side in new[] { "fromDotnet", "fromNode" })
        {
            var sockets = results["fetch"].GetProperty(side).EnumerateArray().ToDictionary(s => s.GetProperty("data").GetProperty("name").GetString()!);
            Assert.Equal(["d2", "n2"], sockets.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, socket) in sockets)
            {
                Assert.Equal(name[0] == 'd' ? "dotnet" : "node", socket.GetProperty("data").GetProperty("side").GetString());
                Assert.Equal(name, socket.GetProperty("auth").GetProperty("name").GetString());
                // Both sides in the same order: a random id may sort after "r".
                Assert.Equal(new[] { socket.GetProperty("id").GetString()!, "r" }.Order(StringComparer.Ordinal), socket.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal));
                Assert.Contains("127.0.0.1", socket.GetProperty("address").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal("""{"fromDotnet":[{"side":"node","from":"dotnet"}],"fromNode":[{"side":"dotnet","from":"node"}]}""", results["serverSideEmitWithAck"].GetRawText());
        Assert.Equal("""{"fromDotnet":["d1","d2","n1","n2"],"fromNode":["d1","d2","n1","n2"]}""", results["broadcastWithAck"].GetRawText());
        Assert.Equal("""{"d2":true,"n2":true}""", results["socketsJoin"].GetRawText());
        Assert.Equal("""{"d1":[],"d2":["io server disconnect"],"n1":[],"n2":["io server disconnect"]}""", results["disconnectSockets"].GetRawText());
        if (mode == "classic")
        {
            Assert.Equal(
                """{"dotnetEmitter":{"d1":["dotnet"],"d2":["dotnet"],"n1":["dotnet"],"n2":["dotnet"]},"nodeEmitter":{"d1":["node"],"d2":["node"]}}""",
                results["emitters"].GetRawText());
        }
        else
        {
            Assert.False(results.ContainsKey("emitters"));
        }
    }

    /// <summary>The builder <c>AddSocketIo()</c> returned, as the test server's setup does not hand it out.</summary>
    private sealed class SocketIoBuilderAccess(WebApplicationBuilder builder) : ISocketIoBuilder
    {
        public Microsoft.Extensions.DependencyInjection.IServiceCollection Services => builder.Services;
    }
}
