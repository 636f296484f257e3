using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SocketIo.Protocol.Engine;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

public sealed class PollingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Three_echoed_packets_come_back_in_one_get()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        var (sid, session) = await server.HandshakeAsync();

        using var post = await server.PostAsync("transport=polling&sid=" + sid, "4test1\u001e4test2\u001e4test3");
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("text/html", post.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ok", await post.Content.ReadAsStringAsync());

        Assert.Equal((HttpStatusCode.OK, "4test1\u001e4test2\u001e4test3"), await server.PollAsync(sid));
        Assert.Equal(["test1", "test2", "test3"], session.Messages);
    }

    [Fact]
    public async Task Binary_travels_as_base64_both_ways()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        var (sid, session) = await server.HandshakeAsync();
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "4hello\u001ebAQIDBA=="));
        Assert.Equal((HttpStatusCode.OK, "4hello\u001ebAQIDBA=="), await server.PollAsync(sid));
        Assert.Equal(["hello", "binary:01020304"], session.Messages);
    }

    [Fact]
    public async Task A_client_open_packet_is_ignored_as_Node_does()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        var (sid, session) = await server.HandshakeAsync();
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "0\u001e4after"));
        Assert.Equal((HttpStatusCode.OK, "4after"), await server.PollAsync(sid));
        Assert.Equal(["after"], session.Messages);
        Assert.False(session.Closed.IsCompleted);
    }

    [Fact]
    public async Task Messages_are_delivered_one_at_a_time_in_order()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        var (sid, session) = await server.HandshakeAsync();
        var posting = server.SendAsync(sid, "4cmd:block\u001e4after");
        await server.Handler.Blocked.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal(["cmd:block"], session.Messages);
        server.Handler.Gate.TrySetResult();
        Assert.Equal((HttpStatusCode.OK, "ok"), await posting);
        Assert.Equal(["cmd:block", "after"], session.Messages);
        Assert.Equal(0, session.Overlaps);
    }

    [Fact]
    public async Task A_throwing_handler_does_not_break_the_session()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        var (sid, _) = await server.HandshakeAsync();
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "4cmd:throw\u001e4still here"));
        Assert.Equal((HttpStatusCode.OK, "4still here"), await server.PollAsync(sid));
        Assert.Contains(server.Host.Logs, l => l.Contains("HandlerFailed", StringComparison.Ordinal) || l.Contains("the handler threw", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_get_is_held_until_the_ping()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EngineTestServer.StartOnClockAsync(output, clock);
        var (sid, _) = await server.HandshakeAsync();
        var poll = server.PollAsync(sid);
        await server.WaitForPendingGetAsync(sid);
        Assert.False(poll.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal((HttpStatusCode.OK, "2"), await poll);
    }

    [Fact]
    public async Task A_second_get_closes_the_session()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        var (sid, session) = await server.HandshakeAsync();
        var first = server.PollAsync(sid);
        await server.WaitForPendingGetAsync(sid);
        var second = await server.PollAsync(sid);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal(string.Empty, second.Body);
        Assert.Equal((HttpStatusCode.OK, "1"), await first);
        Assert.Equal(EngineCloseReasons.TransportError, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PollAsync(sid)).Status);
    }

    [Fact]
    public async Task An_overlapping_post_closes_the_session()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        var (sid, session) = await server.HandshakeAsync();
        var first = server.SendAsync(sid, "4cmd:block");
        await server.Handler.Blocked.Task.WaitAsync(TestTimeouts.Default);
        var second = await server.SendAsync(sid, "4second");
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.False(session.Connection.IsOpen);

        // OnClosed waits for the message being handled: release it first.
        server.Handler.Gate.TrySetResult();
        await first;
        Assert.Equal(EngineCloseReasons.TransportError, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal(0, session.Overlaps);
        Assert.DoesNotContain("second", session.Messages);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PollAsync(sid)).Status);
    }

    [Fact]
    public async Task A_post_after_close_is_code_1()
    {
        await using var server = await EngineTestServer.StartAsync(output);
        var (sid, session) = await server.HandshakeAsync();
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "1"));
        Assert.Equal(EngineCloseReasons.TransportClose, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal((HttpStatusCode.BadRequest, """{"code":1,"message":"Session ID unknown"}"""), await server.SendAsync(sid, "4late"));
    }

    [Fact]
    public async Task Client_close_releases_the_pending_get_with_a_noop()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        var (sid, session) = await server.HandshakeAsync();
        var pending = server.PollAsync(sid);
        await server.WaitForPendingGetAsync(sid);
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "1"));
        Assert.Equal((HttpStatusCode.OK, "6"), await pending);
        Assert.Equal(EngineCloseReasons.TransportClose, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PollAsync(sid)).Status);
        Assert.Equal(1, session.CloseCount);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("4ok\u001e\u001e4ok")]
    [InlineData("b!!")]
    public async Task An_invalid_payload_closes_with_parse_error(string payload)
    {
        await using var server = await EngineTestServer.StartAsync(output);
        var (sid, session) = await server.HandshakeAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await server.SendAsync(sid, payload)).Status);
        Assert.Equal(EngineCloseReasons.ParseError, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PollAsync(sid)).Status);
        Assert.Contains(server.Host.Logs, l => l.Contains("Warning", StringComparison.Ordinal) && l.Contains(sid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_binary_post_body_closes_the_session()
    {
        await using var server = await EngineTestServer.StartAsync(output);
        var (sid, session) = await server.HandshakeAsync();
        using var response = await server.PostAsync("transport=polling&sid=" + sid, "4hello", "application/octet-stream");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(EngineCloseReasons.TransportError, await session.Closed.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task A_client_ping_closes_the_session()
    {
        await using var server = await EngineTestServer.StartAsync(output);
        var (sid, session) = await server.HandshakeAsync();
        await server.SendAsync(sid, "2");
        Assert.Equal(EngineCloseReasons.TransportError, await session.Closed.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task An_oversized_post_is_413_and_the_session_survives()
    {
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.MaxHttpBufferSize = 100;
            o.PingInterval = TimeSpan.FromMinutes(1);
        });
        var (sid, session) = await server.HandshakeAsync();
        var big = "4" + new string('x', 200);

        using (var withLength = await server.PostAsync("transport=polling&sid=" + sid, big))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
            Assert.Empty(await withLength.Content.ReadAsByteArrayAsync());
        }

        // Chunked: no Content-Length, so the limit is found while reading.
        using (var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, EngineTestServer.Path("transport=polling&sid=" + sid)) { Content = chunked };
            request.Headers.TransferEncodingChunked = true;
            using var response = await server.Http.SendAsync(request).WaitAsync(TestTimeouts.Default);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        Assert.True(session.Connection.IsOpen);
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.SendAsync(sid, "4small"));
        Assert.Equal((HttpStatusCode.OK, "4small"), await server.PollAsync(sid));
        Assert.Equal(["small"], session.Messages);
    }

    [Fact]
    public async Task Large_responses_are_gzipped_when_accepted()
    {
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.HttpCompressionThreshold = 64;
            o.PingInterval = TimeSpan.FromMinutes(1);
        });
        var (sid, session) = await server.HandshakeAsync();
        var text = new string('z', 500);
        session.Connection.Send([EngineFrame.Text(Encoding.UTF8.GetBytes("4" + text))]);
        using var request = new HttpRequestMessage(HttpMethod.Get, EngineTestServer.Path("transport=polling&sid=" + sid));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await server.Http.SendAsync(request).WaitAsync(TestTimeouts.Default);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        Assert.Equal("4" + text, await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task A_batch_whose_frames_all_refuse_compression_is_sent_plain()
    {
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.HttpCompressionThreshold = 64;
            o.PingInterval = TimeSpan.FromMinutes(1);
        });
        var (sid, session) = await server.HandshakeAsync();
        var text = "4" + new string('z', 500);
        session.Connection.Send([EngineFrame.Text(Encoding.UTF8.GetBytes(text)).WithoutCompression()]);
        using var request = new HttpRequestMessage(HttpMethod.Get, EngineTestServer.Path("transport=polling&sid=" + sid));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await server.Http.SendAsync(request).WaitAsync(TestTimeouts.Default);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(text, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_aborted_get_closes_the_session_with_transport_error()
    {
        // Node's rule ("poll connection closed prematurely"): a client whose waiting GET drops is gone.
        await using var server = await EngineTestServer.StartAsync(output, o => o.PingInterval = TimeSpan.FromMinutes(1));
        var (sid, session) = await server.HandshakeAsync();
        using (var cts = new CancellationTokenSource())
        {
            var pending = server.Http.GetAsync(EngineTestServer.Path("transport=polling&sid=" + sid), cts.Token);
            await server.WaitForPendingGetAsync(sid);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TestTimeouts.Default));
        }

        Assert.Equal(EngineCloseReasons.TransportError, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PollAsync(sid)).Status);
    }
}
