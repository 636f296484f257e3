using SocketIo.Redis.Tests.Infrastructure;
using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.SocketIoLayer;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Samples;

/// <summary>Two chat servers with <c>Chat:Redis</c> set to one Redis are one chat: a message, the user list and a whisper cross servers.</summary>
public sealed class ChatClusterTests(ITestOutputHelper output, RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Two_servers_on_one_Redis_are_one_chat()
    {
        var redisSetting = $"--Chat:Redis={redis.Configuration}";
        await using var first = await ChatSampleProcess.StartAsync(ChatSampleProcess.FreePort(), output, redisSetting);
        await using var second = await ChatSampleProcess.StartAsync(ChatSampleProcess.FreePort(), output, redisSetting);

        var plan = System.Text.Json.JsonSerializer.Serialize(new object[]
        {
            new { op = "connect", client = "alice", auth = new { nick = "alice", room = "lobby" } },
            new { op = "connect", client = "bob", auth = new { nick = "bob", room = "lobby" }, url = second.BaseUrl.ToString() },
            new { op = "wait", client = "bob", @event = "users", count = 1 },
            new { op = "wait", client = "alice", @event = "users", count = 2 },
            new { op = "emitWithAck", client = "alice", @event = "message", args = new object[] { "hello from the first server" } },
            new { op = "wait", client = "bob", @event = "message", count = 1 },
        });
        var run = await NodeScript.RunAsync("socketio/driver.mjs", [first.BaseUrl.ToString(), plan], output);
        run.AssertRan();
        var result = new DriverResult(run);

        Assert.Equal("[true]", Assert.Single(result.Acks("alice")).GetProperty("args").GetRawText());
        Assert.Equal("""[{"from":"alice","text":"hello from the first server","room":"lobby"}]""", Assert.Single(result.Received("message", "bob")));

        // After bob joined, both pages got a user list that names both users, whichever server sent it.
        foreach (var client in new[] { "alice", "bob" })
        {
            var lists = result.Received("users", client);
            Assert.Contains(lists, l => l.Contains("\"alice\"", StringComparison.Ordinal) && l.Contains("\"bob\"", StringComparison.Ordinal));
        }
    }
}
