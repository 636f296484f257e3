namespace SocketIo.Redis.Classic;

/// <summary>
/// Legacy (before 8.x) join, leave or disconnect of one socket by id:
/// <c>{"uid","requestId","type":2|3|4,"sid","room"|"close"}</c>. The node that has the socket applies it and answers
/// <c>{"requestId"}</c>. Read, never sent.
/// </summary>
/// <param name="Uid">The sender's uid.</param>
/// <param name="RequestId">What the answer refers to.</param>
/// <param name="Kind">Join, leave or disconnect.</param>
/// <param name="Sid">The socket.</param>
/// <param name="Room">The room to join or leave.</param>
/// <param name="Close">For a disconnect: whether the connection closes too.</param>
internal sealed record LegacySocketRequest(string? Uid, string RequestId, ClassicRequestType Kind, string Sid, string? Room, bool Close) : ClassicRequest(Uid)
{
    /// <inheritdoc />
    public override ClassicRequestType Type => Kind;
}
