using System.Net;
using System.Net.WebSockets;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

/// <summary>Request errors with <c>AllowEio3</c> on: the same codes as for v4, and a sid used with the other revision.</summary>
public sealed class Eio3RequestErrorTests(ITestOutputHelper output)
{
    private static async Task AssertErrorAsync(HttpResponseMessage response, string body)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("engine.io/?transport=polling")]
    [InlineData("engine.io/?EIO=2&transport=polling")]
    [InlineData("engine.io/?EIO=5&transport=polling")]
    [InlineData("engine.io/?EIO=03&transport=polling")]
    public async Task Only_3_and_4_are_accepted(string url)
    {
        await using var client = await Eio3Client.StartAsync(output);
        using var response = await client.Server.Http.GetAsync(url).WaitAsync(TestTimeouts.Default);
        await AssertErrorAsync(response, """{"code":5,"message":"Unsupported protocol version"}""");
    }

    [Theory]
    [InlineData("")]
    [InlineData("transport=abc")]
    public async Task Missing_or_unknown_transport_is_code_0(string query)
    {
        await using var client = await Eio3Client.StartAsync(output);
        using var response = await client.GetAsync(query);
        await AssertErrorAsync(response, """{"code":0,"message":"Transport unknown"}""");
    }

    [Fact]
    public async Task A_handshake_by_post_is_code_2()
    {
        await using var client = await Eio3Client.StartAsync(output);
        using var response = await client.Server.Http.PostAsync(Eio3Client.Path("transport=polling"), new StringContent("1:2")).WaitAsync(TestTimeouts.Default);
        await AssertErrorAsync(response, """{"code":2,"message":"Bad handshake method"}""");
    }

    [Fact]
    public async Task A_sid_used_with_the_other_protocol_revision_is_code_3()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (v3Sid, _, v3Session) = await client.HandshakeAsync();
        var (v4Sid, v4Session) = await client.Server.HandshakeAsync();
        await AssertErrorAsync(await client.Server.GetAsync("transport=polling&sid=" + v3Sid), """{"code":3,"message":"Bad request"}""");
        await AssertErrorAsync(await client.GetAsync("transport=polling&sid=" + v4Sid), """{"code":3,"message":"Bad request"}""");

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(
            client.Server.Host.WebSocketUrl(EngineTestServer.Path("transport=websocket&sid=" + v3Sid)), CancellationToken.None).WaitAsync(TestTimeouts.Default));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);

        // The refusals touch neither session.
        Assert.True(v3Session.Connection.IsOpen && v4Session.Connection.IsOpen);
        Assert.Equal(4, v4Session.Connection.ProtocolVersion);
    }

    [Fact]
    public async Task Without_the_option_a_v3_websocket_is_refused()
    {
        await using var server = await EngineTestServer.StartAsync(output);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(
            server.Host.WebSocketUrl(Eio3Client.Path("transport=websocket")), CancellationToken.None).WaitAsync(TestTimeouts.Default));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }
}
