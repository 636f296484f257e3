using System.Text.RegularExpressions;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>
/// Socket.IO v5 on the wire, byte for byte, wired like the official socket.io-protocol suite's server
/// (encoding, namespace and connection rules, and the invalid packets that close the connection).
/// </summary>
public sealed partial class WireProtocolTests(ITestOutputHelper output)
{
    /// <summary>The suite's application: <c>/</c> and <c>/custom</c> emit <c>auth</c> with the handshake auth; <c>/</c> echoes.</summary>
    internal static void ConformanceApp(SocketIoServer io)
    {
        io.OnConnection(socket =>
        {
            socket.Emit("auth", socket.Handshake.Auth);
            socket.On("message", (SocketIoArguments args) => socket.Emit("message-back", args));
            socket.On("message-with-ack", (SocketIoArguments args, SocketIoAck ack) => ack.Send(args));
        });
        io.Of("/custom").OnConnection(socket => socket.Emit("auth", socket.Handshake.Auth));
    }

    private Task<SocketIoTestServer> StartConformanceServerAsync(Action<SocketIoOptions>? options = null)
        => SocketIoTestServer.StartAsync(output, ConformanceApp, options);

    [GeneratedRegex("^40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"\\}$")]
    private static partial Regex ConnectReplyOnRoot();

    [Fact]
    public async Task Connect_reply_carries_only_the_sid_then_the_app_emits_auth()
    {
        await using var server = await StartConformanceServerAsync();
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host);

        await client.SendAsync("40");
        Assert.Matches(ConnectReplyOnRoot(), await client.ReceiveTextAsync());
        Assert.Equal("42[\"auth\",{}]", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Connect_with_auth_and_custom_namespace_forms()
    {
        await using var server = await StartConformanceServerAsync();
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host);

        await client.SendAsync("40{\"token\":\"123\"}");
        Assert.Matches(ConnectReplyOnRoot(), await client.ReceiveTextAsync());
        Assert.Equal("42[\"auth\",{\"token\":\"123\"}]", await client.ReceiveTextAsync());

        await client.SendAsync("40/custom,{\"token\":\"abc\"}");
        Assert.Matches("^40/custom,\\{\"sid\":\"[A-Za-z0-9_-]{20}\"\\}$", await client.ReceiveTextAsync());
        Assert.Equal("42/custom,[\"auth\",{\"token\":\"abc\"}]", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Unknown_namespace_gets_exactly_invalid_namespace_and_the_connection_stays()
    {
        await using var server = await StartConformanceServerAsync();
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host);

        await client.SendAsync("40/random");
        Assert.Equal("44/random,{\"message\":\"Invalid namespace\"}", await client.ReceiveTextAsync());
        await client.SendAsync("40");
        Assert.Matches(ConnectReplyOnRoot(), await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Event_is_echoed_compact_and_in_order()
    {
        await using var server = await StartConformanceServerAsync();
        await using var client = await ConnectRootAsync(server);

        await client.SendAsync("42[\"message\",1,\"2\",{\"3\":[true]}]");
        Assert.Equal("42[\"message-back\",1,\"2\",{\"3\":[true]}]", await client.ReceiveTextAsync());

        await client.SendAsync("42[\"message\",\"<>&'+é😀\"]");
        Assert.Equal("42[\"message-back\",\"<>&'+é😀\"]", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Event_with_ack_id_is_acknowledged_with_only_the_arguments()
    {
        await using var server = await StartConformanceServerAsync();
        await using var client = await ConnectRootAsync(server);

        await client.SendAsync("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
        Assert.Equal("43456[1,\"2\",{\"3\":[false]}]", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Binary_event_and_binary_ack_come_back_with_their_attachments_in_order()
    {
        await using var server = await StartConformanceServerAsync();
        await using var client = await ConnectRootAsync(server);

        await client.SendAsync("452-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        await client.SendAsync([1, 2, 3]);
        await client.SendAsync([4, 5, 6]);
        Assert.Equal("452-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", await client.ReceiveTextAsync());
        Assert.Equal([1, 2, 3], await client.ReceiveBinaryAsync());
        Assert.Equal([4, 5, 6], await client.ReceiveBinaryAsync());

        await client.SendAsync("452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        await client.SendAsync([1, 2, 3]);
        await client.SendAsync([4, 5, 6]);
        Assert.Equal("462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", await client.ReceiveTextAsync());
        Assert.Equal([1, 2, 3], await client.ReceiveBinaryAsync());
        Assert.Equal([4, 5, 6], await client.ReceiveBinaryAsync());
    }

    /// <summary>
    /// Handler results answer with the right name and payload through a connection's run of events: a name the last
    /// event also had, the same name spelled with an escape, another name, and a binary answer followed by a text one
    /// (nothing of the first answer's attachments carries over).
    /// </summary>
    [Fact]
    public async Task Handler_results_answer_each_event_by_its_own_name_and_arguments()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            socket.On("a", (int n) => $"A{n}");
            socket.On("b", (int n) => $"B{n}");
            socket.On("bin", () => new byte[] { 7, 8 });
        }));
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host);
        await client.SendAsync("40");
        await client.ReceiveTextAsync();

        await client.SendAsync("421[\"a\",1]");
        Assert.Equal("431[\"A1\"]", await client.ReceiveTextAsync());
        await client.SendAsync("422[\"a\",2]");
        Assert.Equal("432[\"A2\"]", await client.ReceiveTextAsync());
        await client.SendAsync("423[\"\\u0061\",3]");
        Assert.Equal("433[\"A3\"]", await client.ReceiveTextAsync());
        await client.SendAsync("424[\"b\",4]");
        Assert.Equal("434[\"B4\"]", await client.ReceiveTextAsync());

        // No ack id: the result goes nowhere, and the next answer is the next packet out.
        await client.SendAsync("42[\"a\",5]");
        await client.SendAsync("426[\"bin\"]");
        Assert.Equal("461-6[{\"_placeholder\":true,\"num\":0}]", await client.ReceiveTextAsync());
        Assert.Equal([7, 8], await client.ReceiveBinaryAsync());
        await client.SendAsync("427[\"a\",7]");
        Assert.Equal("437[\"A7\"]", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Server_emit_with_ack_counts_ids_from_zero_and_ignores_unknown_acks()
    {
        var answers = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(async socket =>
        {
            var first = await socket.EmitWithAckAsync<string>("q", 1);
            var second = await socket.EmitWithAckAsync<string>("q", 2);
            answers.TrySetResult(first + second);
        }));
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host);
        await client.SendAsync("40");
        await client.ReceiveTextAsync();

        Assert.Equal("420[\"q\",1]", await client.ReceiveTextAsync());
        await client.SendAsync("4399[\"stray\"]");
        await client.SendAsync("430[\"a\"]");
        Assert.Equal("421[\"q\",2]", await client.ReceiveTextAsync());
        await client.SendAsync("431[\"b\"]");
        Assert.Equal("ab", await answers.Task.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Disconnect_of_root_ends_only_the_namespace()
    {
        // On a clock that stands still: no heartbeat can end the connection while the test reads.
        await using var server = await StartConformanceServerAsync(o => o.TimeProvider = new Engine.ManualTimeProvider());
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host);
        await client.SendAsync("40");
        await client.ReceiveTextAsync();
        await client.ReceiveTextAsync();
        await client.SendAsync("40/custom,");
        await client.ReceiveTextAsync();
        await client.ReceiveTextAsync();

        await client.SendAsync("41/custom,");
        await client.SendAsync("42[\"message\",\"still here\"]");
        Assert.Equal("42[\"message-back\",\"still here\"]", await client.ReceiveTextAsync());
        Assert.Empty(server.Io.Of("/custom").Sockets);
    }

    [Theory]
    [InlineData("4abc")]
    [InlineData("42{}")]
    [InlineData("42abc[\"message\"]")]
    [InlineData("42[]")]
    [InlineData("42[\"disconnect\"]")]
    [InlineData("4311{}")]
    [InlineData("450-[\"message\"]")]
    [InlineData("4511-[\"message\"]")]
    [InlineData("451-[\"message\",{\"_placeholder\":true,\"num\":1}]")]
    [InlineData("41{}")]
    [InlineData("40[]")]
    [InlineData("40custom")]
    [InlineData("44{\"message\":\"from a client\"}")]
    [InlineData("42/other,[\"message\"]")]
    [InlineData("40")]
    public async Task Invalid_packets_close_that_connection_and_no_other(string packet)
    {
        await using var server = await StartConformanceServerAsync();
        await using var bystander = await ConnectRootAsync(server);
        await using var client = await ConnectRootAsync(server);

        await client.SendAsync(packet);
        await client.AssertClosedByServerAsync();

        await bystander.SendAsync("42[\"message\",\"unharmed\"]");
        Assert.Equal("42[\"message-back\",\"unharmed\"]", await bystander.ReceiveTextAsync());
    }

    [Fact]
    public async Task A_refusals_binary_data_is_written_as_JSON_stringify_writes_a_Buffer()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
            io.Of("/locked").Use((_, _) => throw new SocketIoConnectException("no", new { blob = new byte[] { 1, 2 } })));
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host);

        await client.SendAsync("40/locked,");
        Assert.Equal("""44/locked,{"message":"no","data":{"blob":{"type":"Buffer","data":[1,2]}}}""", await client.ReceiveTextAsync());
    }

    [Theory]
    [InlineData("42")]
    [InlineData("421")]
    [InlineData("43[\"no-id\"]")]
    [InlineData("43")]
    public async Task Packets_the_Node_server_drops_are_dropped_and_the_connection_stays(string packet)
    {
        await using var server = await StartConformanceServerAsync();
        await using var client = await ConnectRootAsync(server);

        await client.SendAsync(packet);
        await client.SendAsync("42[\"message\",\"still here\"]");
        Assert.Equal("42[\"message-back\",\"still here\"]", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task A_dropped_packet_for_a_namespace_not_joined_still_closes()
    {
        await using var server = await StartConformanceServerAsync();
        await using var client = await ConnectRootAsync(server);
        await client.SendAsync("42/custom,");
        await client.AssertClosedByServerAsync();
    }

    [Fact]
    public async Task Binary_frame_with_nothing_pending_and_text_while_attachments_pending_close()
    {
        await using var server = await StartConformanceServerAsync();
        await using var first = await ConnectRootAsync(server);
        await first.SendAsync([1, 2, 3]);
        await first.AssertClosedByServerAsync();

        await using var second = await ConnectRootAsync(server);
        await second.SendAsync("451-[\"message\",{\"_placeholder\":true,\"num\":0}]");
        await second.SendAsync("42[\"message\"]");
        await second.AssertClosedByServerAsync();
    }

    [Fact]
    public async Task A_connection_that_joins_no_namespace_is_closed_at_the_connect_timeout()
    {
        await using var server = await StartConformanceServerAsync(o => o.ConnectTimeout = TimeSpan.FromMilliseconds(300));
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host);

        await client.AssertClosedByServerAsync();
    }

    private static async Task<RawSocketIoClient> ConnectRootAsync(SocketIoTestServer server)
    {
        var client = await RawSocketIoClient.ConnectAsync(server.Host);
        await client.SendAsync("40");
        await client.ReceiveTextAsync(); // 40{"sid":…}
        await client.ReceiveTextAsync(); // 42["auth",{}]
        return client;
    }
}
