using System.Collections.Immutable;

namespace SocketIo.Adapters;

/// <summary>
/// Who receives a broadcast: the sockets in any of <see cref="Rooms"/> (every socket of the namespace when empty),
/// minus the sockets in any of <see cref="Except"/>. A socket id is also a room, so one socket can be named directly.
/// </summary>
/// <param name="Rooms">The target rooms; empty means the whole namespace.</param>
/// <param name="Except">Rooms whose sockets are left out.</param>
/// <param name="Flags">Modifiers.</param>
public sealed record BroadcastOptions(ImmutableHashSet<string> Rooms, ImmutableHashSet<string> Except, BroadcastFlags Flags)
{
    /// <summary>Every socket of the namespace, no modifiers.</summary>
    public static readonly BroadcastOptions All = new(ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, BroadcastFlags.None);
}
