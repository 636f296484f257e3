using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Unit;

/// <summary>
/// Handlers are bound once, when added: JSON arguments with the server's serializer, supplied values, services from a
/// scope per event, a token that ends with the socket; arguments that do not fit cost one log line, signatures that
/// cannot be bound fail when the handler is added.
/// </summary>
public sealed class HandlerBindingTests
{
    private readonly RecordingLoggerFactory _logs = new();

    [Fact]
    public async Task Typed_parameters_bind_from_the_arguments_and_the_result_answers_the_acknowledgement()
    {
        var io = Server();
        io.OnConnection(socket =>
        {
            socket.On("sum", (int a, int b) => a + b);
            socket.On("order", (Order order, string note) => new Receipt(order.Id, order.Lines.Sum(l => l.Quantity), note));
            socket.On("async", async (string text) =>
            {
                await Task.Yield();
                return text.ToUpperInvariant();
            });
            socket.On("value-task", (string text) => new ValueTask<int>(text.Length));
        });
        var client = new UnitClient(io);
        await client.ConnectAsync();

        await client.SendAsync("""21["sum",1,2]""");
        await client.SendAsync("""22["order",{"id":"o-1","lines":[{"quantity":2},{"quantity":3}]},"rush"]""");
        await client.SendAsync("""23["async","hi"]""");
        await client.SendAsync("""24["value-task","four"]""");

        Assert.Equal("431[3]", await client.Connection.WaitForSentAsync(f => f.StartsWith("431", StringComparison.Ordinal), "the sum"));
        Assert.Equal("""432[{"id":"o-1","quantity":5,"note":"rush"}]""", await client.Connection.WaitForSentAsync(f => f.StartsWith("432", StringComparison.Ordinal), "the receipt"));
        Assert.Equal("""433["HI"]""", await client.Connection.WaitForSentAsync(f => f.StartsWith("433", StringComparison.Ordinal), "the async answer"));
        Assert.Equal("434[4]", await client.Connection.WaitForSentAsync(f => f.StartsWith("434", StringComparison.Ordinal), "the value task's answer"));
    }

    [Theory]
    [InlineData("""2["sum",1]""", "the handler takes 2 arguments, the client sent 1")]
    [InlineData("""2["sum",1,2,3]""", "the handler takes 2 arguments, the client sent 3")]
    [InlineData("""2["sum",1,"two"]""", "argument 2 is not an integer (int)")]
    [InlineData("""2["sum",1.5,2]""", "argument 1 is not an integer (int)")]
    public async Task Missing_extra_and_wrong_arguments_never_reach_the_handler_and_cost_one_line(string packet, string problem)
    {
        var io = Server();
        var calls = 0;
        io.OnConnection(socket => socket.On("sum", (int a, int b) =>
        {
            Interlocked.Increment(ref calls);
            return a + b;
        }));
        var client = new UnitClient(io);
        await client.ConnectAsync();

        await client.SendAsync(packet);
        await client.SendAsync("""21["sum",2,2]""");

        Assert.Equal("431[4]", await client.Connection.WaitForSentAsync(f => f.StartsWith("431", StringComparison.Ordinal), "the answer after the refused event"));
        Assert.Equal(1, calls);
        var line = Assert.Single(_logs.Messages(101));
        Assert.Contains(problem, line, StringComparison.Ordinal);
        Assert.Null(Assert.Single(_logs.Lines, l => l.EventId == 101).Exception);
        Assert.Null(client.Connection.ClosedWith);
    }

    [Fact]
    public async Task Supplied_parameters_take_no_argument()
    {
        var io = Server();
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        io.OnConnection(socket => socket.On("all", (Socket self, string first, SocketIoArguments all, SocketIoAck ack, CancellationToken token) =>
        {
            seen.TrySetResult($"{self.Id == socket.Id} {first} {all.Count} {token.CanBeCanceled}");
            ack.Send("answered", "myself");
        }));
        var client = new UnitClient(io);
        await client.ConnectAsync();

        await client.SendAsync("""25["all","a","b","c"]""");

        Assert.Equal("True a 3 True", await seen.Task.WaitAsync(TestTimeouts.Default));
        Assert.Equal("""435["answered","myself"]""", await client.Connection.WaitForSentAsync(f => f.StartsWith("435", StringComparison.Ordinal), "the explicit answer"));
    }

    [Fact]
    public async Task A_cancellation_token_parameter_ends_when_the_socket_disconnects()
    {
        var io = Server();
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        io.OnConnection(socket => socket.On("wait", async (CancellationToken token) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
            }
        }));
        var client = new UnitClient(io);
        await client.ConnectAsync();

        await client.SendAsync("""2["wait"]""");
        Assert.False(cancelled.Task.IsCompleted);
        await client.SendAsync("1");

        await cancelled.Task.WaitAsync(TestTimeouts.Default);
    }

    [Fact]
    public async Task Services_are_resolved_for_each_event_from_a_scope_of_their_own()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Counter>();
        services.AddScoped<PerEvent>();
        await using var provider = services.BuildServiceProvider();
        var io = Server(provider);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<PerEvent>();
        io.OnConnection(socket => socket.On("count", (string text, Counter counter, PerEvent scoped, PerEvent same) =>
        {
            Assert.Same(scoped, same);
            seen.Enqueue(scoped);
            return $"{text}:{counter.Next()}";
        }));
        var client = new UnitClient(io);
        await client.ConnectAsync();

        await client.SendAsync("""21["count","a"]""");
        await client.SendAsync("""22["count","b"]""");

        Assert.Equal("""431["a:1"]""", await client.Connection.WaitForSentAsync(f => f.StartsWith("431", StringComparison.Ordinal), "the first answer"));
        Assert.Equal("""432["b:2"]""", await client.Connection.WaitForSentAsync(f => f.StartsWith("432", StringComparison.Ordinal), "the second answer"));
        Assert.Equal(2, seen.Count);
        Assert.NotSame(seen.First(), seen.Last());
        Assert.All(seen, scoped => Assert.True(scoped.Disposed, "the event's scope was disposed"));
    }

    [Fact]
    public async Task A_method_group_over_an_extension_method_binds_what_the_caller_sees()
    {
        var io = Server();
        var prefix = "hello, ";
        io.OnConnection(socket =>
        {
            // The delegate holds the extension's first argument: only the text comes from the client.
#pragma warning disable IL2026, IL3050 // The reflection-bound overload is the point of this test.
            socket.On("greet", prefix.Greet);
#pragma warning restore IL2026, IL3050
            socket.On<string, string>("greet-typed", prefix.Greet);
        });
        var client = new UnitClient(io);
        await client.ConnectAsync();

        await client.SendAsync("""21["greet","ann"]""");
        await client.SendAsync("""22["greet-typed","bob"]""");

        Assert.Equal("""431["hello, ann"]""", await client.Connection.WaitForSentAsync(f => f.StartsWith("431", StringComparison.Ordinal), "the reflection-bound answer"));
        Assert.Equal("""432["hello, bob"]""", await client.Connection.WaitForSentAsync(f => f.StartsWith("432", StringComparison.Ordinal), "the typed answer"));
    }

    [Fact]
    public async Task A_reflection_bound_handler_takes_default_values_for_missing_trailing_arguments()
    {
        var io = Server();
        io.OnConnection(socket =>
        {
#pragma warning disable IL2026, IL3050 // The reflection-bound overload is the point of this test.
            socket.On("pad", Pad); // a method group: no typed overload can infer its types
#pragma warning restore IL2026, IL3050
        });
        var client = new UnitClient(io);
        await client.ConnectAsync();

        await client.SendAsync("""21["pad","x"]""");
        await client.SendAsync("""22["pad","x",3]""");

        Assert.Equal("""431["x-"]""", await client.Connection.WaitForSentAsync(f => f.StartsWith("431", StringComparison.Ordinal), "the default"));
        Assert.Equal("""432["x---"]""", await client.Connection.WaitForSentAsync(f => f.StartsWith("432", StringComparison.Ordinal), "the argument"));
    }

    [Fact]
    public async Task A_handler_that_cannot_be_bound_fails_when_it_is_added()
    {
        var io = Server(configure: o => o.JsonSerializerOptions.TypeInfoResolver = BindingJsonContext.Default);
        var errors = new TaskCompletionSource<Exception[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        io.OnConnection(socket =>
        {
            var found = new List<Exception>();
            socket.On("fine", (Order order) => order.Id); // in the context
            Try(() => socket.On("unknown", (Unlisted value) => { }));
            Try(() => socket.On("result", (string id) => new Unlisted()));
            Try(() => socket.On<Task<int>>("task-as-value", () => Task.FromResult(1)));
#pragma warning disable IL2026, IL3050 // The reflection-bound overload is the point of this line.
            Try(() => socket.On("by-ref", new ByRef((ref int value) => value++)));
#pragma warning restore IL2026, IL3050
            errors.TrySetResult([.. found]);

            void Try(Action add)
            {
                try
                {
                    add();
                }
                catch (ArgumentException e)
                {
                    found.Add(e);
                }
            }
        });
        var client = new UnitClient(io);
        await client.ConnectAsync();

        var found = await errors.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal(4, found.Length);
        Assert.Contains("Unlisted cannot be read from JSON", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("Unlisted cannot be written as JSON", found[1].Message, StringComparison.Ordinal);
        Assert.Contains("asynchronous handler", found[2].Message, StringComparison.Ordinal);
        Assert.Contains("pass values, not references", found[3].Message, StringComparison.Ordinal);

        await client.SendAsync("""21["fine",{"id":"o-9","lines":[]}]""");
        Assert.Equal("""431["o-9"]""", await client.Connection.WaitForSentAsync(f => f.StartsWith("431", StringComparison.Ordinal), "the bound handler's answer"));
    }

    [Fact]
    public async Task Handlers_of_one_type_share_a_binding_and_each_calls_its_own_delegate()
    {
        var io = Server();
        io.OnConnection(socket => socket.On("who", (string greeting) => $"{greeting} {socket.Id}"));
        var first = new UnitClient(io);
        var second = new UnitClient(io);
        var firstId = SocketId(await first.ConnectAsync());
        var secondId = SocketId(await second.ConnectAsync());

        await first.SendAsync("""21["who","hi"]""");
        await second.SendAsync("""21["who","hello"]""");

        Assert.Equal($$"""431["hi {{firstId}}"]""", await first.Connection.WaitForSentAsync(f => f.StartsWith("431", StringComparison.Ordinal), "the first socket's answer"));
        Assert.Equal($$"""431["hello {{secondId}}"]""", await second.Connection.WaitForSentAsync(f => f.StartsWith("431", StringComparison.Ordinal), "the second socket's answer"));

        // What each socket's On did: a handler of its own over one binding of the type.
        var one = Internal.Binding.HandlerFactory.CreateFunc(io.Binders, (string greeting) => greeting + firstId, once: false);
        var other = Internal.Binding.HandlerFactory.CreateFunc(io.Binders, (string greeting) => greeting + secondId, once: true);
        var action = Internal.Binding.HandlerFactory.CreateAction(io.Binders, (string greeting) => { }, once: false);
        Assert.NotSame(one, other);
        Assert.Same(one.Binding, other.Binding);
        Assert.NotSame(one.Binding, action.Binding); // another shape over the same parameter types
    }

    [Fact]
    public void A_binding_that_failed_is_not_kept_so_every_add_fails_alike()
    {
        var io = Server(configure: o => o.JsonSerializerOptions.TypeInfoResolver = BindingJsonContext.Default);

        var first = Assert.Throws<ArgumentException>(() => Internal.Binding.HandlerFactory.CreateAction(io.Binders, (Unlisted value) => { }, once: false));
        var second = Assert.Throws<ArgumentException>(() => Internal.Binding.HandlerFactory.CreateAction(io.Binders, (Unlisted value) => { }, once: false));

        Assert.Contains("Unlisted cannot be read from JSON", first.Message, StringComparison.Ordinal);
        Assert.Equal(first.Message, second.Message);
    }

    [Fact]
    public async Task The_applications_converters_and_naming_policy_apply_both_ways()
    {
        var io = Server(configure: o =>
        {
            o.JsonSerializerOptions.Converters.Add(new CelsiusConverter());
            o.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        });
        io.OnConnection(socket => socket.On("warmer", (Celsius now) => new Reading(new Celsius(now.Degrees + 1), "next hour")));
        var client = new UnitClient(io);
        await client.ConnectAsync();

        await client.SendAsync("""21["warmer","20C"]""");

        Assert.Equal("""431[{"temperature":"21C","when_taken":"next hour"}]""", await client.Connection.WaitForSentAsync(f => f.StartsWith("431", StringComparison.Ordinal), "the answer"));
    }

    [Fact]
    public async Task Once_runs_for_one_event_and_Off_removes_exactly_the_handler_given()
    {
        var io = Server();
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        io.OnConnection(socket =>
        {
            Action<string> first = text => log.Enqueue("first:" + text);
            socket.Once("e", (string text) => log.Enqueue("once:" + text));
            socket.On("e", first);
            socket.On("e", (string text) => log.Enqueue("kept:" + text));
            socket.On("off", () =>
            {
                socket.Off("e", first);
                removed.TrySetResult();
            });
        });
        var client = new UnitClient(io);
        await client.ConnectAsync();

        await client.SendAsync("""2["e","1"]""");
        await client.SendAsync("""2["e","2"]""");
        await client.SendAsync("""2["off"]""");
        await removed.Task.WaitAsync(TestTimeouts.Default);
        await client.SendAsync("""2["e","3"]""");
        await EngineWait(() => log.Count >= 6);

        Assert.Equal(["once:1", "first:1", "kept:1", "first:2", "kept:2", "kept:3"], log);
    }

    private static Task EngineWait(Func<bool> condition) => Engine.EngineTestServer.WaitUntilAsync(condition);

    private static string SocketId(string connectReply) => JsonDocument.Parse(connectReply[2..]).RootElement.GetProperty("sid").GetString()!;

    private static string Pad(string text, int count = 1) => text + new string('-', count);

    private SocketIoServer Server(IServiceProvider? services = null, Action<SocketIoOptions>? configure = null)
    {
        var options = new SocketIoOptions();
        configure?.Invoke(options);
        return new SocketIoServer(Options.Create(options), _logs, adapterFactory: null, services);
    }

    private delegate void ByRef(ref int value);

    internal sealed record OrderLine(int Quantity);

    internal sealed record Order(string Id, IReadOnlyList<OrderLine> Lines);

    internal sealed record Receipt(string Id, int Quantity, string Note);

    internal sealed record Unlisted;

    private sealed record Celsius(int Degrees);

    private sealed record Reading(Celsius Temperature, string WhenTaken);

    private sealed class CelsiusConverter : JsonConverter<Celsius>
    {
        public override Celsius Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => new(int.Parse(reader.GetString()!.TrimEnd('C'), System.Globalization.CultureInfo.InvariantCulture));

        public override void Write(Utf8JsonWriter writer, Celsius value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.Degrees.ToString(System.Globalization.CultureInfo.InvariantCulture) + "C");
    }

    private sealed class Counter
    {
        private int _count;

        public int Next() => Interlocked.Increment(ref _count);
    }

    private sealed class PerEvent : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}

/// <summary>The one extension method the method-group test binds.</summary>
internal static class GreetingExtensions
{
    public static string Greet(this string prefix, string name) => prefix + name;
}

/// <summary>Metadata of the types one test's server knows, and nothing else (no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HandlerBindingTests.Order))]
[JsonSerializable(typeof(string))]
internal sealed partial class BindingJsonContext : JsonSerializerContext;
