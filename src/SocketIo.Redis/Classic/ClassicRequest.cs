namespace SocketIo.Redis.Classic;

/// <summary>A message on the classic adapter's request channel.</summary>
/// <param name="Uid">The sender's uid; <see langword="null"/> for the emitter's join, leave and disconnect, which carry none.</param>
internal abstract record ClassicRequest(string? Uid)
{
    /// <summary>Gets the type number on the wire.</summary>
    public abstract ClassicRequestType Type { get; }
}
