using System.Net;
using System.Net.WebSockets;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

public sealed class EngineErrorTests(ITestOutputHelper output)
{
    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string body)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("engine.io/?transport=polling")]
    [InlineData("engine.io/?EIO=abc&transport=polling")]
    [InlineData("engine.io/?EIO=3&transport=polling")]
    [InlineData("engine.io/?EIO=5&transport=polling")]
    public async Task Unsupported_protocol_version_is_code_5(string url)
    {
        await using var server = await EngineTestServer.StartAsync(output);
        using var response = await server.Http.GetAsync(url).WaitAsync(TestTimeouts.Default);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, """{"code":5,"message":"Unsupported protocol version"}""");
    }

    [Theory]
    [InlineData("")]
    [InlineData("transport=abc")]
    public async Task Unknown_transport_is_code_0(string query)
    {
        await using var server = await EngineTestServer.StartAsync(output);
        using var response = await server.GetAsync(query);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, """{"code":0,"message":"Transport unknown"}""");
    }

    [Fact]
    public async Task Disabled_transport_is_code_0()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.AllowPolling = false);
        using var response = await server.GetAsync("transport=polling");
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, """{"code":0,"message":"Transport unknown"}""");
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task Handshake_with_another_method_is_code_2(string method)
    {
        await using var server = await EngineTestServer.StartAsync(output);
        using var request = new HttpRequestMessage(new HttpMethod(method), EngineTestServer.Path("transport=polling"));
        using var response = await server.Http.SendAsync(request).WaitAsync(TestTimeouts.Default);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, """{"code":2,"message":"Bad handshake method"}""");
    }

    [Fact]
    public async Task Unknown_sid_is_code_1_for_get_and_post()
    {
        await using var server = await EngineTestServer.StartAsync(output);
        using var get = await server.GetAsync("transport=polling&sid=unknown");
        await AssertErrorAsync(get, HttpStatusCode.BadRequest, """{"code":1,"message":"Session ID unknown"}""");
        using var post = await server.PostAsync("transport=polling&sid=unknown", "4hello");
        await AssertErrorAsync(post, HttpStatusCode.BadRequest, """{"code":1,"message":"Session ID unknown"}""");
    }

    [Fact]
    public async Task Plain_get_for_websocket_is_code_3()
    {
        await using var server = await EngineTestServer.StartAsync(output);
        using var response = await server.GetAsync("transport=websocket");
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, """{"code":3,"message":"Bad request"}""");
    }

    [Fact]
    public async Task Refusal_by_allow_request_is_403_code_4()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.AllowRequest = _ => ValueTask.FromResult<string?>("go away"));
        using var response = await server.GetAsync("transport=polling");
        await AssertErrorAsync(response, HttpStatusCode.Forbidden, """{"code":4,"message":"go away"}""");
        Assert.Empty(server.Handler.Sessions);
    }

    [Fact]
    public async Task Other_method_on_a_session_is_an_empty_500()
    {
        await using var server = await EngineTestServer.StartAsync(output);
        var (sid, _) = await server.HandshakeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, EngineTestServer.Path("transport=polling&sid=" + sid));
        using var response = await server.Http.SendAsync(request).WaitAsync(TestTimeouts.Default);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("transport=websocket&sid=unknown", "Session ID unknown")]
    [InlineData("transport=abc", "Transport unknown")]
    public async Task Refused_websocket_upgrade_is_a_raw_400(string query, string message)
    {
        await using var server = await EngineTestServer.StartAsync(output);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(
            () => socket.ConnectAsync(server.Host.WebSocketUrl(EngineTestServer.Path(query)), CancellationToken.None).WaitAsync(TestTimeouts.Default));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);

        // The same request over plain HTTP shows the body: the message as text/html, connection closed.
        using var request = new HttpRequestMessage(HttpMethod.Get, EngineTestServer.Path(query));
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new System.Net.Http.Headers.ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(new byte[16]));
        using var response = await server.Http.SendAsync(request).WaitAsync(TestTimeouts.Default);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.ConnectionClose);
    }
}
