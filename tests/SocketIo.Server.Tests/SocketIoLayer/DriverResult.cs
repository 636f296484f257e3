using System.Text.Json;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>What the socket.io-client driver observed, by kind of line (<c>op</c>).</summary>
public sealed class DriverResult(NodeScriptResult result)
{
    public NodeScriptResult Raw { get; } = result;

    public IReadOnlyList<JsonElement> Lines(string op, string client = "a")
        => [.. Raw.Lines.Where(l => l.StringProperty("op") == op && (l.StringProperty("client") ?? client) == client)];

    public JsonElement Only(string op, string client = "a")
    {
        var lines = Lines(op, client);
        Assert.True(lines.Count == 1, $"Expected one '{op}' line for client {client}, got {lines.Count}.{Environment.NewLine}{Raw}");
        return lines[0];
    }

    /// <summary>The result of the client's connect step.</summary>
    public JsonElement Connect(string client = "a") => Only("connect", client);

    /// <summary>The arguments of each received <paramref name="eventName"/>, in order.</summary>
    public IReadOnlyList<string> Received(string eventName, string client = "a")
        => [.. Lines("event", client).Where(l => l.StringProperty("event") == eventName).Select(l => l.GetProperty("args").GetRawText())];

    /// <summary>The acknowledgement lines of emitWithAck steps, in order.</summary>
    public IReadOnlyList<JsonElement> Acks(string client = "a") => Lines("ack", client);

    public override string ToString() => Raw.ToString();
}
