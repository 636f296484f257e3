using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Unit;

/// <summary>Awaited emits: they always end — answered, timed out, failed by a disconnect, or cancelled.</summary>
public sealed class EmitWithAckTests
{
    private readonly SocketIoServer _io = new(Options.Create(new SocketIoOptions()), NullLoggerFactory.Instance);

    [Fact]
    public async Task An_emit_racing_a_disconnect_always_ends_with_SocketDisconnectedException()
    {
        // Each round shifts the two threads against each other by a few spins, so some rounds land the disconnect
        // between the emit's check of Connected and its registration of the pending acknowledgement.
        for (var round = 0; round < 8192; round++)
        {
            var socket = await ConnectAsync(new UnitClient(_io));
            using var start = new Barrier(2);
            var emitting = Task.Run(() =>
            {
                start.SignalAndWait(TestTimeouts.Default);
                Thread.SpinWait(round % 64);
                return socket.EmitWithAckAsync("question", round);
            });
            var disconnecting = Task.Run(() =>
            {
                start.SignalAndWait(TestTimeouts.Default);
                Thread.SpinWait(round / 64 % 64 * 2);
                socket.Disconnect();
            });

            await disconnecting.WaitAsync(TestTimeouts.Default);
            await Assert.ThrowsAsync<SocketDisconnectedException>(() => emitting.WaitAsync(TestTimeouts.Default));
            Assert.Equal(0, socket.PendingAckCount);
        }
    }

    [Fact]
    public async Task An_emit_on_a_disconnected_socket_fails_at_once_and_sends_nothing()
    {
        var client = new UnitClient(_io);
        var socket = await ConnectAsync(client);
        socket.Disconnect();
        var sent = client.Connection.Frames.Count;

        var error = await Assert.ThrowsAsync<SocketDisconnectedException>(() => socket.EmitWithAckAsync("question"));

        Assert.Equal("The socket is not connected.", error.Message);
        Assert.Equal(sent, client.Connection.Frames.Count);
    }

    [Fact]
    public async Task Cancelling_the_token_ends_the_wait_and_a_late_answer_is_ignored()
    {
        var client = new UnitClient(_io);
        var socket = await ConnectAsync(client);
        using var cancellation = new CancellationTokenSource();

        var ack = socket.EmitWithAckAsync("question", ["why?"], cancellation.Token);
        Assert.Equal("42[\"question\",\"why?\"]".Insert(2, "0"), client.Connection.Sent[^1]);
        Assert.Equal(1, socket.PendingAckCount);
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ack.WaitAsync(TestTimeouts.Default));
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(0, socket.PendingAckCount);
        await client.SendAsync("30[\"too late\"]");
        Assert.True(socket.Connected);
    }

    [Fact]
    public async Task The_answer_keeps_every_argument_the_client_sent()
    {
        var client = new UnitClient(_io);
        var socket = await ConnectAsync(client);

        var ack = socket.EmitWithAckAsync("question", "why?");
        await client.SendAsync("""30["because",42,{"more":true}]""");
        var answer = await ack.WaitAsync(TestTimeouts.Default);

        Assert.Equal(3, answer.Count);
        Assert.Equal("because", answer.Get<string>(0));
        Assert.Equal(42, answer.Get<int>(1));
        Assert.True(answer[2].GetProperty("more").GetBoolean());
    }

    [Fact]
    public async Task An_answer_before_the_cancellation_wins_and_the_typed_overload_binds_it()
    {
        var client = new UnitClient(_io);
        var socket = await ConnectAsync(client);
        using var cancellation = new CancellationTokenSource();

        var ack = socket.EmitWithAckAsync<int>("sum", [1, 2], cancellation.Token);
        await client.SendAsync("30[3]");
        await cancellation.CancelAsync();

        Assert.Equal(3, await ack.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        var client = new UnitClient(_io);
        var socket = await ConnectAsync(client);
        var sent = client.Connection.Frames.Count;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => socket.Timeout(TimeSpan.FromSeconds(5)).EmitWithAckAsync("question", [], new CancellationToken(canceled: true)));

        Assert.Equal(sent, client.Connection.Frames.Count);
        Assert.Equal(0, socket.PendingAckCount);
    }

    [Fact]
    public async Task A_token_passed_among_the_arguments_is_refused_with_the_right_overload_named()
    {
        var socket = await ConnectAsync(new UnitClient(_io));
        using var cancellation = new CancellationTokenSource();

        var error = Assert.Throws<ArgumentException>(() => { _ = socket.EmitWithAckAsync("question", cancellation.Token); });

        Assert.Contains("EmitWithAckAsync(eventName, [arg1, arg2], cancellationToken)", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => { _ = _io.Timeout(TimeSpan.FromSeconds(1)).EmitWithAckAsync("question", 1, cancellation.Token); });
    }

    [Fact]
    public async Task A_broadcast_with_acknowledgements_stops_waiting_when_cancelled()
    {
        var client = new UnitClient(_io);
        await ConnectAsync(client);
        using var cancellation = new CancellationTokenSource();

        var answers = _io.Timeout(TimeSpan.FromMinutes(1)).EmitWithAckAsync("poll", ["tea or coffee?"], cancellation.Token);
        await client.Connection.WaitForSentAsync(f => f.StartsWith("420[\"poll\"", StringComparison.Ordinal), "the poll");
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answers.WaitAsync(TestTimeouts.Default));
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    private async Task<Socket> ConnectAsync(UnitClient client)
    {
        var sid = (await client.ConnectAsync())[10..30];
        return _io.Sockets.Sockets[sid];
    }
}
