namespace SocketIo.Adapters;

/// <summary>
/// What a fetch found: the ids of the matching sockets on this node, which the server reads directly (nothing is
/// serialized for them), and the descriptions other nodes sent of theirs.
/// </summary>
/// <param name="LocalIds">The matching sockets on this node.</param>
/// <param name="Remote">The matching sockets on other nodes, as they described them.</param>
public sealed record FetchedSockets(IReadOnlyList<string> LocalIds, IReadOnlyList<SocketDetails> Remote);
