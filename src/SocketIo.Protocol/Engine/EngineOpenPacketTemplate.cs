using System.Buffers;
using System.Text;

namespace SocketIo.Protocol.Engine;

/// <summary>
/// One server's open packet with everything but the sid written once, so that a handshake allocates the packet and
/// nothing else (no JSON writer, no growing buffer). A sid that JSON would escape is written by
/// <see cref="EngineOpenPacket"/> instead; the server's own sids (base64url) never are.
/// </summary>
internal sealed class EngineOpenPacketTemplate
{
    private static readonly SearchValues<char> Base64UrlChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly string[] _upgrades;
    private readonly long _pingIntervalMs;
    private readonly long _pingTimeoutMs;
    private readonly long _maxPayload;

    /// <summary>What comes after the sid: its closing quote, then the other keys.</summary>
    private readonly byte[] _afterSid;

    public EngineOpenPacketTemplate(string[] upgrades, long pingIntervalMs, long pingTimeoutMs, long maxPayload)
    {
        _upgrades = upgrades;
        _pingIntervalMs = pingIntervalMs;
        _pingTimeoutMs = pingTimeoutMs;
        _maxPayload = maxPayload;
        var withEmptySid = EngineOpenPacket.ToArray(string.Empty, upgrades, pingIntervalMs, pingTimeoutMs, maxPayload);
        _afterSid = withEmptySid[BeforeSid.Length..];
    }

    /// <summary>The packet's start, up to the sid's opening quote.</summary>
    private static ReadOnlySpan<byte> BeforeSid => "0{\"sid\":\""u8;

    /// <summary>Returns the packet for <paramref name="sid"/> as a new array.</summary>
    public byte[] ToArray(string sid)
    {
        ArgumentNullException.ThrowIfNull(sid);
        if (sid.AsSpan().ContainsAnyExcept(Base64UrlChars))
        {
            return EngineOpenPacket.ToArray(sid, _upgrades, _pingIntervalMs, _pingTimeoutMs, _maxPayload);
        }

        var packet = new byte[BeforeSid.Length + sid.Length + _afterSid.Length];
        BeforeSid.CopyTo(packet);
        Encoding.ASCII.GetBytes(sid, packet.AsSpan(BeforeSid.Length));
        _afterSid.CopyTo(packet.AsSpan(BeforeSid.Length + sid.Length));
        return packet;
    }
}
