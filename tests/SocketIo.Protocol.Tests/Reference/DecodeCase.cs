using System.Text;

namespace SocketIo.Protocol.Tests.Reference;

/// <summary>Decode a POST body: <c>Text</c> as a string (JSONP form when <c>J</c> is set), or <c>Base64</c> as octet-stream.</summary>
internal sealed record DecodeCase(string Id, string? J, string? Text, string? Base64, string Op = "decode")
{
    /// <summary>Gets the body as bytes.</summary>
    public byte[] Body => Base64 is null ? Encoding.UTF8.GetBytes(Text!) : Convert.FromBase64String(Base64);
}
