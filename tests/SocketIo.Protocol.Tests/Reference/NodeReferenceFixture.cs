using System.Text.Json;
using SocketIo.Protocol.Tests.Infrastructure;

namespace SocketIo.Protocol.Tests.Reference;

/// <summary>Runs every case of <see cref="NodeReferenceCases"/> through the Node reference once, for the whole class.</summary>
public sealed class NodeReferenceFixture : IAsyncLifetime
{
    /// <summary>Gets what Node answered, by case id.</summary>
    public IReadOnlyDictionary<string, JsonElement> Results { get; private set; } = new Dictionary<string, JsonElement>();

    /// <inheritdoc/>
    public async Task InitializeAsync() =>
        Results = await NodeReference.RunAsync("reference/eio3-codec.mjs", NodeReferenceCases.All);

    /// <inheritdoc/>
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Gets Node's answer to one case, failing with its exception text if the script could not run it.</summary>
    public JsonElement this[string id] => NodeReference.Result(Results, id);
}
