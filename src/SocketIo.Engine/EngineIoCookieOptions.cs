using Microsoft.AspNetCore.Http;

namespace SocketIo.Engine;

/// <summary>The cookie set on the handshake response, carrying the session id (sticky load balancing).</summary>
public sealed class EngineIoCookieOptions
{
    /// <summary>Gets or sets the cookie name. The default is <c>io</c>.</summary>
    public string Name { get; set; } = "io";

    /// <summary>Gets or sets the cookie path. The default is <c>/</c>.</summary>
    public string Path { get; set; } = "/";

    /// <summary>Gets or sets a value indicating whether the cookie is hidden from scripts. The default is <see langword="true"/>.</summary>
    public bool HttpOnly { get; set; } = true;

    /// <summary>Gets or sets the SameSite mode. The default is <see cref="SameSiteMode.Lax"/>.</summary>
    public SameSiteMode SameSite { get; set; } = SameSiteMode.Lax;
}
