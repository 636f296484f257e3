using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Unit;

/// <summary>Event arguments bind as JavaScript reads them, escaped lone surrogates included.</summary>
public sealed class ArgumentBindingTests
{
    private sealed record Named(string Name);

    [Fact]
    public void An_escaped_lone_surrogate_binds_to_a_string_alone_in_a_record_and_in_a_dictionary()
    {
        var args = Arguments("""["\ud800", {"name":"a\udc00b"}, {"key":"\udbff"}, "\ud83d\ude00"]""");

        Assert.Equal("\ud800", args.Get<string>(0));
        Assert.Equal("a\udc00b", args.Get<Named>(1)!.Name);
        Assert.Equal("\udbff", args.Get<Dictionary<string, string>>(2)!["key"]);
        Assert.Equal("😀", args.Get<string>(3));
    }

    [Fact]
    public void The_other_escapes_next_to_a_lone_surrogate_are_read_too()
    {
        var args = Arguments("""["\udfff\n\t\"\\\/\u00e9\b\f\r x"]""");

        Assert.Equal("\udfff\n\t\"\\/é\b\f\r x", args.Get<string>(0));
    }

    [Theory]
    [InlineData("string")]
    [InlineData("element")]
    public async Task A_handler_receives_a_lone_surrogate_and_the_connection_stays(string parameter)
    {
        var io = new SocketIoServer(Options.Create(new SocketIoOptions()), NullLoggerFactory.Instance);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        io.OnConnection(socket =>
        {
            if (parameter == "string")
            {
                socket.On("text", (string text) => received.TrySetResult(text));
            }
            else
            {
                socket.On("text", (JsonElement text) => received.TrySetResult(text.GetRawText()));
            }
        });
        var client = new UnitClient(io);
        await client.ConnectAsync();

        await client.SendAsync("""2["text","\ud800"]""");

        Assert.Equal(parameter == "string" ? "\ud800" : "\"\\ud800\"", await received.Task.WaitAsync(TestTimeouts.Default));
        Assert.Null(client.Connection.ClosedWith);
    }

    private static SocketIoArguments Arguments(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new SocketIoArguments(document.RootElement.EnumerateArray());
    }
}
