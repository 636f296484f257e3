using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Unit;

/// <summary>
/// <c>Compress(false)</c> marks an event's frames, its binary attachments included, to be sent without per-message
/// compression, on a socket's own emits and on broadcasts; everything else keeps the transport's compression.
/// </summary>
public sealed class CompressTests
{
    [Fact]
    public async Task Compress_false_sends_the_events_frames_uncompressed_and_nothing_else()
    {
        var io = new SocketIoServer(Options.Create(new SocketIoOptions()), NullLoggerFactory.Instance);
        var connected = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        io.OnConnection(socket => connected.TrySetResult(socket));
        var client = new UnitClient(io);
        await client.ConnectAsync();
        var socket = await connected.Task.WaitAsync(TestTimeouts.Default);

        socket.Emit("plain", 1);
        socket.Compress(false).Emit("own", new byte[] { 1, 2 });
        socket.Volatile.Compress(false).Emit("own-volatile", 2);
        await io.Local.Compress(false).EmitAsync("broadcast", 3);
        await io.To(socket.Id).Compress(true).EmitAsync("broadcast-compressed", 4);
        await client.Connection.WaitForSentAsync(f => f.Contains("broadcast-compressed", StringComparison.Ordinal), "the last event");

        var frames = client.Connection.Frames.Skip(1).Select(f => (Text: f.IsBinary ? "<binary>" : Encoding.UTF8.GetString(f.Payload.Span), f.DisableCompression));
        Assert.Equal(
            [
                ("42[\"plain\",1]", false),
                ("451-[\"own\",{\"_placeholder\":true,\"num\":0}]", true),
                ("<binary>", true),
                ("42[\"own-volatile\",2]", true),
                ("42[\"broadcast\",3]", true),
                ("42[\"broadcast-compressed\",4]", false),
            ],
            frames);
    }
}
