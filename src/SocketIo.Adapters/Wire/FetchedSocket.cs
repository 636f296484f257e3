using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Wire;

/// <summary>
/// A socket as a fetch across nodes describes it: <c>{"id","handshake","rooms","data"}</c>, the handshake being Node's
/// <c>socket.handshake</c> (headers, time, address, xdomain, secure, issued, url, query, auth).
/// </summary>
/// <param name="Id">The socket id.</param>
/// <param name="Handshake">The handshake object.</param>
/// <param name="Rooms">The rooms it is in, its own id included.</param>
/// <param name="Data">Its application data; <see langword="null"/> when absent (JavaScript's <c>undefined</c>).</param>
internal sealed record FetchedSocket(string Id, PayloadValue Handshake, IReadOnlyList<string> Rooms, PayloadValue? Data)
{
    /// <summary>Gets whether the handshake or the data holds binary.</summary>
    public bool HasBinary => Handshake.HasBinary || Data?.HasBinary == true;
}
