namespace SocketIo.Adapters.Cluster;

/// <summary>
/// A ClusterAdapter message as it travels: <c>{"type","data"?,"uid","nsp"}</c>. Responses use the same envelope,
/// with the responder's uid.
/// </summary>
/// <param name="Uid">The sending adapter's uid (<c>emitter</c> for an emitter); a receiver ignores its own.</param>
/// <param name="Nsp">
/// The namespace; a receiver ignores messages of another one. Node's own nodes always send it; one official emitter
/// leaves it out.
/// </param>
/// <param name="Message">The message type and its data.</param>
internal sealed record ClusterEnvelope(string? Uid, string? Nsp, ClusterMessage Message);
