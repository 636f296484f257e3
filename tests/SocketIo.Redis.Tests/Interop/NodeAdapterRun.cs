using System.Text.Json;
using SocketIo.Redis.Tests.Infrastructure;

namespace SocketIo.Redis.Tests.Interop;

/// <summary>
/// One run of tests/interop/redis/adapters.mjs for the whole test class: what the Node packages publish for a fixed
/// list of operations, and what Node adapters do with each of our <see cref="NodeAdapterCases.Consume"/> payloads.
/// </summary>
public sealed class NodeAdapterRun : IAsyncLifetime
{
    private JsonElement _output;

    /// <summary>Gets what the Node packages published, by scenario.</summary>
    public JsonElement Produced => _output.GetProperty("produced");

    /// <summary>Gets what a Node adapter did with each of our payloads, by case.</summary>
    public JsonElement Consumed => _output.GetProperty("consumed");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var consume = NodeAdapterCases.Consume.Select(c => new
        {
            name = c.Name,
            target = c.Sharded ? "sharded" : "classic",
            setup = c.Setup,
            payloads = c.Payloads.Select(p => new { channel = p.Channel, base64 = Convert.ToBase64String(p.Payload) }),
        });
        _output = await NodeRunner.RunAsync("redis/adapters.mjs", new { consume });
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;
}
