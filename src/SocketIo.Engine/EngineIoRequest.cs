using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace SocketIo.Engine;

/// <summary>
/// A snapshot of the handshake request, taken when the session opens. Long-polling sessions span many HTTP
/// requests, so the engine keeps this copy instead of the <see cref="HttpContext"/>, which ASP.NET Core recycles.
/// The request went through the whole ASP.NET Core pipeline first, so <see cref="User"/> is what authentication
/// middleware made of it.
/// </summary>
public sealed class EngineIoRequest
{
    /// <summary>Gets the request headers.</summary>
    public required IHeaderDictionary Headers { get; init; }

    /// <summary>Gets the query string parameters.</summary>
    public IQueryCollection Query
    {
        get
        {
            if (_query is { } query)
            {
                return query;
            }

            // Two first readers may both parse; the first to store wins and both return its collection.
            var parsed = QueryParameters.Parse(QueryString);
            return Interlocked.CompareExchange(ref _query, parsed, null) ?? parsed;
        }

        init => _query = value;
    }

    /// <summary>
    /// Sets the raw query string (with its <c>?</c>) that <see cref="Query"/> is parsed from when first read: most
    /// connections never read it, and the parsed collection would be kept for each.
    /// </summary>
    internal string? QueryString { get; init; }

    /// <summary>Gets the user the authentication middleware established (anonymous when none ran).</summary>
    public ClaimsPrincipal User
    {
        get => LazyInitializer.EnsureInitialized(ref _user, static () => new ClaimsPrincipal(new ClaimsIdentity()));
        init => _user = value;
    }

    /// <summary>
    /// Sets the user authentication established, or null when nobody authenticated: the anonymous user is then created
    /// only if something reads <see cref="User"/>, not kept for every connection.
    /// </summary>
    internal ClaimsPrincipal? AuthenticatedUser
    {
        init => _user = value;
    }

    /// <summary>Gets the request URL as the client sent it: path and query, e.g. <c>/socket.io/?EIO=4&amp;transport=polling</c>.</summary>
    public required string Url { get; init; }

    /// <summary>Gets the client's IP address, if known.</summary>
    public IPAddress? RemoteIpAddress { get; init; }

    /// <summary>Gets the client's port.</summary>
    public int RemotePort { get; init; }

    /// <summary>Gets a value indicating whether the request came over HTTPS.</summary>
    public bool IsHttps { get; init; }

    /// <summary>Gets when the handshake was received.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>
    /// Gets values captured from the handshake's <see cref="HttpContext"/> by
    /// <see cref="EngineIoOptions.OnHandshake"/> (for example a session value); empty unless that callback adds to it.
    /// </summary>
    public IDictionary<string, object?> Items => _items ??= new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Backs <see cref="Query"/>; parsed on first use unless given.</summary>
    private IQueryCollection? _query;

    /// <summary>Backs <see cref="User"/>.</summary>
    private ClaimsPrincipal? _user;

    /// <summary>Backs <see cref="Items"/>; created on first use (written at the handshake, before any reader).</summary>
    private Dictionary<string, object?>? _items;
}
