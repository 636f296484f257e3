using System.Collections.Concurrent;

namespace SocketIo.Server.Tests.Unit;

/// <summary>
/// Code that sends through <see cref="ISocketIoServer"/> is tested without a server: a fake records what it would
/// have sent, as an application's own tests would do.
/// </summary>
public sealed class FakeServerTests
{
    /// <summary>Application code under test: tells a customer's sockets, and the staff except the on-call room.</summary>
    private sealed class OrderNotifier(ISocketIoServer io)
    {
        public async Task ShippedAsync(string customer, string order)
        {
            await io.To(customer).EmitAsync("shipped", order);
            await io.Of("/staff").Except("on-call").Volatile.EmitAsync("shipped", customer, order);
        }
    }

    [Fact]
    public async Task Code_that_sends_through_the_interface_runs_against_a_fake()
    {
        var fake = new RecordingServer("/");

        await new OrderNotifier(fake).ShippedAsync("customer-7", "order-42");

        Assert.Equal(
            ["/ to=[customer-7] except=[] volatile=False shipped(order-42)",
             "/staff to=[] except=[on-call] volatile=True shipped(customer-7 order-42)"],
            fake.Sent);
    }

    /// <summary>A fake server: every selection records its rooms and flags, every emit one line.</summary>
    private sealed class RecordingServer(string name, ConcurrentQueue<string>? sent = null, string[]? to = null, string[]? except = null, bool isVolatile = false)
        : ISocketIoServer
    {
        private readonly ConcurrentQueue<string> _sent = sent ?? new();
        private readonly string[] _to = to ?? [];
        private readonly string[] _except = except ?? [];

        public IReadOnlyCollection<string> Sent => _sent;

        public string Name => name;

        public ISocketIoBroadcaster Volatile => With(dropsWhenBusy: true);

        public ISocketIoBroadcaster Local => this;

        public ISocketIoNamespace Of(string name) => new RecordingServer(name, _sent);

        public ISocketIoBroadcaster To(string room) => With(rooms: [.. _to, room]);

        public ISocketIoBroadcaster To(IEnumerable<string> rooms) => With(rooms: [.. _to, .. rooms]);

        public ISocketIoBroadcaster In(string room) => To(room);

        public ISocketIoBroadcaster Except(string room) => With(excluded: [.. _except, room]);

        public ISocketIoBroadcaster Compress(bool compress) => this;

        public ISocketIoBroadcaster Timeout(TimeSpan timeout) => this;

        public Task EmitAsync(string eventName, params object?[] args)
        {
            _sent.Enqueue($"{name} to=[{string.Join(",", _to)}] except=[{string.Join(",", _except)}] volatile={isVolatile} {eventName}({string.Join(" ", args)})");
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<SocketIoArguments>> EmitWithAckAsync(string eventName, object?[] args, CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyList<SocketIoArguments>>([]);

        public Task<IReadOnlyList<RemoteSocket>> FetchSocketsAsync(CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<RemoteSocket>>([]);

        public Task SocketsJoinAsync(params string[] rooms) => Task.CompletedTask;

        public Task SocketsLeaveAsync(params string[] rooms) => Task.CompletedTask;

        public Task DisconnectSocketsAsync(bool close = false) => Task.CompletedTask;

        public Task ServerSideEmitAsync(string eventName, params object?[] args) => Task.CompletedTask;

        public Task<IReadOnlyList<SocketIoArguments>> ServerSideEmitWithAckAsync(string eventName, TimeSpan timeout, params object?[] args)
            => Task.FromResult<IReadOnlyList<SocketIoArguments>>([]);

        public Task<IReadOnlySet<string>> AllRoomsAsync(CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

        private RecordingServer With(string[]? rooms = null, string[]? excluded = null, bool? dropsWhenBusy = null)
            => new(name, _sent, rooms ?? _to, excluded ?? _except, dropsWhenBusy ?? isVolatile);
    }
}
