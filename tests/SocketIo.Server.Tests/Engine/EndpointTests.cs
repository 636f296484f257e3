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
    public async Task A_frame_marked_uncompressed_goes_out_without_per_message_deflate()
    {
        // A raw client, to see the RSV1 bit that marks a compressed frame (ClientWebSocket hides it).
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.PerMessageDeflate = true;
            o.PingInterval = TimeSpan.FromMinutes(1);
        });
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host.BaseUri.Host, server.Host.BaseUri.Port).WaitAsync(TestTimeouts.Default);
        var stream = tcp.GetStream();
        var request = $"GET /{EngineTestServer.Path("transport=websocket")} HTTP/1.1\r\nHost: {server.Host.BaseUri.Authority}\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request)).AsTask().WaitAsync(TestTimeouts.Default);
        var head = await ReadHeadAsync(stream);
        Assert.Contains("101", head, StringComparison.Ordinal);
        Assert.Contains("permessage-deflate", head, StringComparison.Ordinal);

        var (openCompressed, _) = await ReadFrameAsync(stream);
        var session = await server.Handler.NextSessionAsync();
        var text = "4" + new string('a', 2000);
        session.Connection.Send([Protocol.Engine.EngineFrame.Text(System.Text.Encoding.UTF8.GetBytes(text))]);
        var (compressed, compressedLength) = await ReadFrameAsync(stream);
        session.Connection.Send([Protocol.Engine.EngineFrame.Text(System.Text.Encoding.UTF8.GetBytes(text)).WithoutCompression()]);
        var (plain, plainLength) = await ReadFrameAsync(stream);

        Assert.True(openCompressed);
        Assert.True(compressed);
        Assert.True(compressedLength < 100);
        Assert.False(plain);
        Assert.Equal(text.Length, plainLength);
    }

    private static async Task<string> ReadHeadAsync(System.Net.Sockets.NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 8192 && !(bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            await stream.ReadExactlyAsync(one).AsTask().WaitAsync(TestTimeouts.Default);
            bytes.Add(one[0]);
        }

        return System.Text.Encoding.ASCII.GetString([.. bytes]);
    }

    /// <summary>Reads one unmasked server frame; returns its RSV1 (compressed) bit and its payload length.</summary>
    private static async Task<(bool Compressed, long Length)> ReadFrameAsync(System.Net.Sockets.NetworkStream stream)
    {
        var header = new byte[2];
        await stream.ReadExactlyAsync(header).AsTask().WaitAsync(TestTimeouts.Default);
        long length = header[1] & 0x7F;
        if (length == 126)
        {
            var extended = new byte[2];
            await stream.ReadExactlyAsync(extended).AsTask().WaitAsync(TestTimeouts.Default);
            length = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(extended);
        }
        else if (length == 127)
        {
            var extended = new byte[8];
            await stream.ReadExactlyAsync(extended).AsTask().WaitAsync(TestTimeouts.Default);
            length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(extended);
        }

        await stream.ReadExactlyAsync(new byte[length]).AsTask().WaitAsync(TestTimeouts.Default);
        return ((header[0] & 0x40) != 0, length);
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
