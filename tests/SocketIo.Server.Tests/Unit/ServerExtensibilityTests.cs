using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.Engine;

namespace SocketIo.Server.Tests.Unit;

/// <summary>The seams for tools that observe the whole server: new namespaces, first connection handlers, engine decorators.</summary>
public sealed class ServerExtensibilityTests
{
    private readonly SocketIoServer _io = new(Options.Create(new SocketIoOptions()), NullLoggerFactory.Instance);

    /// <summary>Connects a client and returns once the connect is over (it runs on the thread pool, off the delivery).</summary>
    private async Task<RecordingConnection> ConnectAsync(string nsp = "/", IEngineIoHandler? handler = null)
    {
        var connection = new RecordingConnection();
        var client = (handler ?? _io.EngineHandler).OnOpened(connection);
        await client.OnTextMessageAsync(Encoding.UTF8.GetBytes(nsp == "/" ? "0" : $"0{nsp},"));
        await UnitClient.AnsweredAsync(connection, client, nsp);
        return connection;
    }

    [Fact]
    public async Task NamespaceCreated_is_raised_once_per_namespace_static_or_dynamic_before_its_first_socket()
    {
        var created = new List<string>();
        var firstSeenBy = new Dictionary<string, string>();
        _io.NamespaceCreated += nsp =>
        {
            created.Add(nsp.Name);
            nsp.PrependConnection(socket => firstSeenBy[nsp.Name] = socket.Id);
        };
        _io.Of(new Regex("^/dyn-\\d+$"));

        _io.Of("/static");
        _io.Of("/static");
        await ConnectAsync("/dyn-1");
        await ConnectAsync("/dyn-1");

        Assert.Equal(["/static", "/dyn-1"], created);
        Assert.True(firstSeenBy.ContainsKey("/dyn-1"), "the hook added on creation saw the child's first socket");
        Assert.DoesNotContain("/", created);
    }

    [Fact]
    public void A_throwing_NamespaceCreated_subscriber_leaves_the_namespace_and_the_other_subscribers()
    {
        var seen = new List<string>();
        _io.NamespaceCreated += _ => throw new InvalidOperationException("subscriber bug");
        _io.NamespaceCreated += nsp => seen.Add(nsp.Name);

        var nsp = _io.Of("/orders");

        Assert.Same(nsp, _io.Namespaces["/orders"]);
        Assert.Equal(["/orders"], seen);
    }

    [Fact]
    public async Task PrependConnection_runs_before_the_handlers_added_earlier_a_dynamic_parents_included()
    {
        var order = new List<string>();
        var parent = _io.Of(new Regex("^/team-\\w+$"));
        parent.OnConnection(_ => order.Add("parent"));
        _io.NamespaceCreated += child =>
        {
            child.OnConnection(_ => order.Add("child"));
            child.PrependConnection(_ => order.Add("first"));
        };
        _io.OnConnection(_ => order.Add("root"));
        _io.Sockets.PrependConnection(_ => order.Add("root first"));

        await ConnectAsync("/team-a");
        await ConnectAsync();

        Assert.Equal(["first", "parent", "child", "root first", "root"], order);
    }

    [Fact]
    public async Task Engine_decorators_see_the_sessions_opened_after_them_innermost_first()
    {
        var calls = new List<string>();
        _io.DecorateEngineHandler(inner => new Observing(inner, "inner", calls));
        _io.DecorateEngineHandler(inner => new Observing(inner, "outer", calls));
        string? connectionId = null;
        _io.OnConnection(socket => connectionId = socket.ConnectionId);

        var connection = await ConnectAsync(handler: _io.EndpointHandler);

        Assert.Equal(["outer", "inner"], calls);
        Assert.Equal(connection.Id, connectionId);
        Assert.Contains(connection.Frames, f => Encoding.UTF8.GetString(f.Payload.Span).StartsWith("40{\"sid\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_decorator_returning_null_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => _io.DecorateEngineHandler(_ => null!));
    }

    [Fact]
    public async Task DataToJson_writes_each_entry_and_leaves_out_one_that_cannot_be_serialized()
    {
        Socket? connected = null;
        _io.OnConnection(socket => connected = socket);
        await ConnectAsync();

        Assert.Equal("{}", connected!.DataToJson().GetRawText());
        connected.Data["nick"] = "alice";
        connected.Data["broken"] = new Unserializable();

        Assert.Equal("""{"nick":"alice"}""", connected.DataToJson().GetRawText());
    }

    private sealed class Unserializable
    {
        private readonly string _reason = "not today";

        public string Value => throw new InvalidOperationException(_reason);
    }

    private sealed class Observing(IEngineIoHandler inner, string name, List<string> calls) : IEngineIoHandler
    {
        public IEngineIoSessionHandler OnOpened(IEngineIoConnection connection)
        {
            calls.Add(name);
            return inner.OnOpened(connection);
        }
    }
}
