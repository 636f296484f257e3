using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SocketIo.Engine;

namespace SocketIo.Server;

/// <summary>
/// What the client presented when the socket connected: the handshake HTTP request (headers, query, address, the
/// authenticated user) and the namespace CONNECT payload (<see cref="Auth"/>).
/// </summary>
public sealed class SocketHandshake
{
    internal SocketHandshake(EngineIoRequest request, JsonElement auth, DateTimeOffset now)
    {
        Request = request;
        Auth = auth;
        IssuedAt = now;
    }

    /// <summary>Gets the snapshot of the handshake request.</summary>
    public EngineIoRequest Request { get; }

    /// <summary>Gets the headers of the handshake request.</summary>
    public IHeaderDictionary Headers => Request.Headers;

    /// <summary>Gets the query parameters of the handshake request.</summary>
    public IQueryCollection Query => Request.Query;

    /// <summary>Gets the authentication payload of the CONNECT packet (an empty object when the client sent none).</summary>
    public JsonElement Auth { get; }

    /// <summary>Gets the user ASP.NET Core authentication established for the handshake request.</summary>
    public ClaimsPrincipal User => Request.User;

    /// <summary>Gets when the socket was created.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>Gets <see cref="IssuedAt"/> as a Unix timestamp in milliseconds.</summary>
    public long Issued => IssuedAt.ToUnixTimeMilliseconds();

    /// <summary>Gets <see cref="IssuedAt"/> written the way JavaScript's <c>Date.toString()</c> writes it (in UTC).</summary>
    public string Time => IssuedAt.UtcDateTime.ToString("ddd MMM dd yyyy HH:mm:ss 'GMT+0000 (Coordinated Universal Time)'", CultureInfo.InvariantCulture);

    /// <summary>Gets the request URL (path and query).</summary>
    public string Url => Request.Url;

    /// <summary>Gets the client's IP address as text.</summary>
    public string Address => Request.RemoteIpAddress?.ToString() ?? string.Empty;

    /// <summary>Gets a value indicating whether the request was cross-origin (it carried an <c>Origin</c> header).</summary>
    public bool XDomain => Request.Headers.ContainsKey("Origin");

    /// <summary>Gets a value indicating whether the connection is secure (HTTPS).</summary>
    public bool Secure => Request.IsHttps;
}
