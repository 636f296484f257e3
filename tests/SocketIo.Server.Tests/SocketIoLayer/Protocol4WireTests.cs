using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>
/// Socket.IO protocol v4 (the 2.x clients, over Engine.IO v3) on the wire, byte for byte, with the conformance
/// wiring plus two refusing namespaces: the implicit join of <c>/</c>, CONNECT replies without payload, the
/// namespace query as auth, ERROR payloads, binary led by the type byte, and the v2 socket ids.
/// </summary>
public sealed class Protocol4WireTests(ITestOutputHelper output)
{
    /// <summary>Socket ids as the server assigned them, by namespace; recorded once the connection handler queued its emit.</summary>
    private readonly ConcurrentDictionary<string, string> _ids = new();

    private Task<SocketIoTestServer> StartAsync(Action<SocketIoServer>? configure = null)
        => SocketIoTestServer.StartAsync(
            output,
            io =>
            {
                // The conformance handlers run first, so an id is recorded once the auth emit is queued.
                WireProtocolTests.ConformanceApp(io);
                io.OnConnection(socket => _ids[socket.Namespace.Name] = socket.Id);
                io.Of("/custom").OnConnection(socket => _ids[socket.Namespace.Name] = socket.Id);
                io.Of("/auth-fail").Use((_, _) => throw new SocketIoConnectException("nope"));
                io.Of("/auth-fail-data").Use((_, _) => throw new SocketIoConnectException("nope", new { code = 42 }));
                io.Of("/auth-fail-falsy").Use((_, _) => throw new SocketIoConnectException("nope", 0));
                configure?.Invoke(io);
            },
            o => o.AllowEio3 = true);

    private static string Sid(RawSocketIoClient client)
        => JsonDocument.Parse(client.OpenPacket[1..]).RootElement.GetProperty("sid").GetString()!;

    [Fact]
    public async Task Over_websocket_the_server_joins_slash_right_after_the_open_packet()
    {
        await using var server = await StartAsync();
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host, eio: 3);
        Assert.StartsWith("0{", client.OpenPacket, StringComparison.Ordinal);
        Assert.Equal("40", await client.ReceiveTextAsync());
        Assert.Equal("42[\"auth\",{}]", await client.ReceiveTextAsync());

        // The socket id on / is the engine's sid: the 2.x client computes it that way.
        Assert.Equal(Sid(client), _ids["/"]);
    }

    [Fact]
    public async Task Over_polling_the_handshake_holds_only_the_open_packet_and_the_join_comes_with_the_next_get()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient { BaseAddress = server.Host.BaseUri, Timeout = TestTimeouts.Default };
        var handshake = await http.GetStringAsync("socket.io/?EIO=3&transport=polling").WaitAsync(TestTimeouts.Default);
        var colon = handshake.IndexOf(':', StringComparison.Ordinal);
        Assert.Equal(handshake.Length - colon - 1, int.Parse(handshake[..colon], System.Globalization.CultureInfo.InvariantCulture));
        var sid = JsonDocument.Parse(handshake[(colon + 2)..]).RootElement.GetProperty("sid").GetString();

        // Once the join and the app's emit are queued, a posted ping is answered in the same batch, after them.
        await Engine.EngineTestServer.WaitUntilAsync(() => _ids.ContainsKey("/"));
        using var ping = await http.PostAsync($"socket.io/?EIO=3&transport=polling&sid={sid}", new StringContent("1:2")).WaitAsync(TestTimeouts.Default);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        var next = await http.GetStringAsync($"socket.io/?EIO=3&transport=polling&sid={sid}").WaitAsync(TestTimeouts.Default);
        Assert.Equal("2:4013:42[\"auth\",{}]1:3", next);
    }

    [Fact]
    public async Task A_custom_namespace_gets_a_reply_without_payload_and_its_query_as_auth()
    {
        await using var server = await StartAsync();
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host, eio: 3);
        Assert.Equal("40", await client.ReceiveTextAsync());
        Assert.Equal("42[\"auth\",{}]", await client.ReceiveTextAsync());

        await client.SendAsync("40/custom?token=abc&x=%C3%A9,");
        Assert.Equal("40/custom,", await client.ReceiveTextAsync());
        Assert.Equal("42/custom,[\"auth\",{\"token\":\"abc\",\"x\":\"é\"}]", await client.ReceiveTextAsync());
        Assert.Equal("/custom#" + Sid(client), _ids["/custom"]);
    }

    [Fact]
    public async Task A_custom_namespace_without_query_gets_empty_auth()
    {
        await using var server = await StartAsync();
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host, eio: 3);
        await client.ReceiveTextAsync();
        await client.ReceiveTextAsync();
        await client.SendAsync("40/custom,");
        Assert.Equal("40/custom,", await client.ReceiveTextAsync());
        Assert.Equal("42/custom,[\"auth\",{}]", await client.ReceiveTextAsync());
    }

    [Theory]
    [InlineData("40/random,", "44/random,{\"message\":\"Invalid namespace\"}")]
    [InlineData("40/auth-fail,", "44/auth-fail,\"nope\"")]
    [InlineData("40/auth-fail-data,", "44/auth-fail-data,{\"code\":42}")]
    [InlineData("40/auth-fail-falsy,", "44/auth-fail-falsy,\"nope\"")]
    public async Task Refusals_are_error_packets_and_the_connection_stays(string connect, string refusal)
    {
        await using var server = await StartAsync();
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host, eio: 3);
        await client.ReceiveTextAsync();
        await client.ReceiveTextAsync();
        await client.SendAsync(connect);
        Assert.Equal(refusal, await client.ReceiveTextAsync());
        await client.SendAsync("42[\"message\",\"still here\"]");
        Assert.Equal("42[\"message-back\",\"still here\"]", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task A_refusal_of_the_implicit_join_is_an_error_on_slash()
    {
        await using var server = await StartAsync(io => io.Use((_, _) => throw new SocketIoConnectException("thou shall not pass")));
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host, eio: 3);
        Assert.Equal("44\"thou shall not pass\"", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Events_and_acks_are_as_in_v5()
    {
        await using var server = await StartAsync();
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host, eio: 3);
        await client.ReceiveTextAsync();
        await client.ReceiveTextAsync();
        await client.SendAsync("42[\"message\",1,\"2\",{\"3\":[true]}]");
        Assert.Equal("42[\"message-back\",1,\"2\",{\"3\":[true]}]", await client.ReceiveTextAsync());
        await client.SendAsync("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
        Assert.Equal("43456[1,\"2\",{\"3\":[false]}]", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Binary_events_and_acks_carry_the_type_byte_on_each_attachment()
    {
        await using var server = await StartAsync();
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host, eio: 3);
        await client.ReceiveTextAsync();
        await client.ReceiveTextAsync();
        await client.SendAsync("452-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        await client.SendAsync([4, 1, 2, 3]);
        await client.SendAsync([4, 4, 5, 6]);
        Assert.Equal("452-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", await client.ReceiveTextAsync());
        Assert.Equal(new byte[] { 4, 1, 2, 3 }, await client.ReceiveBinaryAsync());
        Assert.Equal(new byte[] { 4, 4, 5, 6 }, await client.ReceiveBinaryAsync());

        await client.SendAsync("451-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0}]");
        await client.SendAsync([4, 7]);
        Assert.Equal("461-789[{\"_placeholder\":true,\"num\":0}]", await client.ReceiveTextAsync());
        Assert.Equal(new byte[] { 4, 7 }, await client.ReceiveBinaryAsync());
    }

    [Fact]
    public async Task The_client_pings_and_the_server_answers()
    {
        await using var server = await StartAsync();
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host, eio: 3);
        await client.ReceiveTextAsync();
        await client.ReceiveTextAsync();
        await client.SendAsync("2");
        Assert.Equal("3", await client.ReceiveTextAsync());
    }
}
