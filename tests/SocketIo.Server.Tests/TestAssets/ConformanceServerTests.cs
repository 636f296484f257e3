using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.SocketIoLayer;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.TestAssets;

/// <summary>
/// The conformance server run as its README says, with <c>PARSER=msgpack</c>: the real socket.io-client created with
/// socket.io-msgpack-parser gets the wiring the protocol suite expects at <c>/socket.io/</c>, and a client with the
/// default parser is refused.
/// </summary>
public sealed class ConformanceServerTests(ITestOutputHelper output)
{
    /// <summary>Absent values left out, so that a connect without <c>parser</c> uses the client's default one.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions s_planOptions = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task With_PARSER_msgpack_it_speaks_the_MessagePack_parser(string transport)
    {
        await using var server = await TestAssetProcess.StartAsync("ConformanceServerDll", (start, port) =>
        {
            start.Environment["PARSER"] = "msgpack";
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
        }, output);

        object Connect(string client, string nsp = "/", string? parser = "msgpack", object? auth = null)
            => new { op = "connect", client, nsp, parser, auth, transports = new[] { transport } };
        var plan = System.Text.Json.JsonSerializer.Serialize(
            new object[]
            {
                Connect("a"),
                new { op = "wait", client = "a", @event = "auth" },
                new { op = "emit", client = "a", @event = "message", args = new object[] { 1, "2", new Dictionary<string, string> { ["$bin"] = "AQI=" } } },
                new { op = "wait", client = "a", @event = "message-back" },
                new { op = "emitWithAck", client = "a", @event = "message-with-ack", args = new object[] { new { n = 3 } } },
                Connect("custom", "/custom", auth: new { token = "abc" }),
                new { op = "wait", client = "custom", @event = "auth" },
                Connect("text", parser: null),
            },
            s_planOptions);
        var run = await NodeScript.RunAsync("socketio/driver.mjs", [server.BaseUrl, plan], output);
        run.AssertRan();
        var result = new DriverResult(run);

        Assert.True(result.Connect("a").GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(["[{}]"], result.Received("auth", "a"));
        Assert.Equal(["[1,\"2\",{\"$bin\":\"AQI=\"}]"], result.Received("message-back", "a"));
        Assert.Equal("[{\"n\":3}]", Assert.Single(result.Acks("a")).GetProperty("args").GetRawText());
        Assert.Equal(["[{\"token\":\"abc\"}]"], result.Received("auth", "custom"));
        Assert.False(result.Connect("text").GetProperty("ok").GetBoolean(), "a client of the default parser must not get in");
    }
}
