using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

public sealed class EndpointTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Conventions_apply_to_the_endpoint_for_both_path_forms()
    {
        await using var host = await TestHost.StartAsync(
            app =>
            {
                app.UseCors();
                app.MapEngineIo("/engine.io", new RecordingHandler()).RequireCors(p => p.AllowAnyOrigin());
            },
            builder => builder.Services.AddCors(),
            output);
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        foreach (var path in new[] { "engine.io/?EIO=4&transport=polling", "engine.io?EIO=4&transport=polling" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Origin", "http://example.test");
            using var response = await http.SendAsync(request).WaitAsync(TestTimeouts.Default);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        }
    }

    [Fact]
    public async Task Per_message_deflate_is_negotiated_when_enabled()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PerMessageDeflate = true);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        await socket.ConnectAsync(server.Host.WebSocketUrl(EngineTestServer.Path("transport=websocket")), CancellationToken.None)
            .WaitAsync(TestTimeouts.Default);
        Assert.Contains("permessage-deflate", socket.HttpResponseHeaders!["Sec-WebSocket-Extensions"].Single(), StringComparison.Ordinal);
        await socket.ReceiveTextAsync();
        var text = "4" + new string('a', 4000);
        await socket.SendTextAsync(text);
        Assert.Equal(text, await socket.ReceiveTextAsync());
    }
}
