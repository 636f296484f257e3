using System.Collections.Concurrent;
using System.Text.Json;

namespace SocketIo.Server;

/// <summary>
/// A dynamic namespace: a pattern or predicate that creates a child namespace the first time a client connects to a
/// matching name. Middleware and connection handlers added here apply to every child; emitting here reaches every
/// child. Sockets see their concrete child as <see cref="Socket.Namespace"/>.
/// </summary>
public sealed class ParentNamespace : Namespace
{
    private static int s_count;
    private readonly Func<string, JsonElement, ValueTask<bool>> _matches;
    private readonly ConcurrentDictionary<string, Namespace> _children = new(StringComparer.Ordinal);

    internal ParentNamespace(SocketIoServer server, Func<string, JsonElement, ValueTask<bool>> matches)
        : base(server, "/_" + Interlocked.Increment(ref s_count), parent: null, isDynamicParent: true)
    {
        _matches = matches;

        // A parent never holds sockets (broadcasts go through its children's adapters), so it has no adapter to start.
        MarkAdapterReady();
    }

    /// <summary>Gets the child namespaces created so far, by name.</summary>
    public IReadOnlyDictionary<string, Namespace> Children => _children;

    /// <summary>Broadcasts from a parent reach every child.</summary>
    internal override IEnumerable<Namespace> BroadcastTargets => _children.Values;

    internal ValueTask<bool> MatchesAsync(string name, JsonElement auth) => _matches(name, auth);

    /// <summary>Records a child the server just created (under its namespace lock, so each child exists once).</summary>
    internal void AddChild(Namespace child) => _children[child.Name] = child;

    internal void RemoveChild(Namespace child) => _children.TryRemove(new KeyValuePair<string, Namespace>(child.Name, child));
}
