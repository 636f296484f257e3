using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>
/// The handshake request goes through the ASP.NET Core pipeline (the .NET form of "Express middleware
/// compatibility"): its fields and the authenticated user are visible to middleware and handlers.
/// </summary>
public sealed class HandshakeAndAuthenticationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Handshake_holds_the_fields_of_the_socket_instance_documentation()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            var h = socket.Handshake;
            socket.Emit("handshake", new
            {
                header = h.Headers["x-custom"].ToString(),
                foo = h.Query["foo"].ToString(),
                eio = h.Query["EIO"].ToString(),
                transport = h.Query["transport"].ToString(),
                auth = h.Auth,
                time = h.Time,
                issued = h.Issued,
                url = h.Url,
                address = h.Address,
                xdomain = h.XDomain,
                secure = h.Secure,
            });
        }));

        var result = await server.RunAsync(
            new
            {
                op = "connect",
                auth = new { token = "123" },
                query = new { foo = "bar" },
                extraHeaders = new Dictionary<string, string> { ["x-custom"] = "v" },
            },
            new { op = "wait", @event = "handshake" });

        var h = JsonDocument.Parse(Assert.Single(result.Received("handshake"))).RootElement[0];
        Assert.Equal("v", h.GetProperty("header").GetString());
        Assert.Equal("bar", h.GetProperty("foo").GetString());
        Assert.Equal("4", h.GetProperty("eio").GetString());
        Assert.Equal("websocket", h.GetProperty("transport").GetString());
        Assert.Equal("{\"token\":\"123\"}", h.GetProperty("auth").GetRawText());
        Assert.EndsWith("GMT+0000 (Coordinated Universal Time)", h.GetProperty("time").GetString(), StringComparison.Ordinal);
        var issued = DateTimeOffset.FromUnixTimeMilliseconds(h.GetProperty("issued").GetInt64());
        Assert.InRange(issued, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.StartsWith("/socket.io/?", h.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Contains("foo=bar", h.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", h.GetProperty("address").GetString());
        Assert.False(h.GetProperty("xdomain").GetBoolean());
        Assert.False(h.GetProperty("secure").GetBoolean());
    }

    [Fact]
    public async Task Auth_defaults_to_an_empty_object()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
            io.OnConnection(socket => socket.Emit("auth", socket.Handshake.Auth)));

        var result = await server.RunAsync(new { op = "connect" }, new { op = "wait", @event = "auth" });

        Assert.Equal("[{}]", Assert.Single(result.Received("auth")));
    }

    [Fact]
    public async Task Cookie_authentication_on_the_handshake_reaches_namespace_middleware()
    {
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io =>
            {
                io.Use(async (socket, next) =>
                {
                    if (socket.User.Identity?.IsAuthenticated != true)
                    {
                        throw new SocketIoConnectException("unauthorized");
                    }

                    await next();
                });
                io.OnConnection(socket => socket.Emit("whoami", socket.User.Identity!.Name));
                var admin = io.Of("/admin");
                admin.Use(async (socket, next) =>
                {
                    if (!socket.User.IsInRole("admin"))
                    {
                        throw new SocketIoConnectException("forbidden", new { needed = "admin" });
                    }

                    await next();
                });
                admin.OnConnection(socket => socket.Emit("welcome", socket.User.Identity!.Name));
            },
            builder: AddCookieAuthentication,
            app: UseCookieAuthenticationWithLogin);

        var adminCookie = await LoginAsync(server.Host, "alice", "admin");
        var userCookie = await LoginAsync(server.Host, "bob", role: null);

        var result = await server.RunAsync(
            new { op = "connect", client = "anonymous" },
            new { op = "connect", client = "alice", extraHeaders = new Dictionary<string, string> { ["cookie"] = adminCookie } },
            new { op = "connect", client = "alice-admin", nsp = "/admin", extraHeaders = new Dictionary<string, string> { ["cookie"] = adminCookie } },
            new { op = "connect", client = "bob-admin", nsp = "/admin", extraHeaders = new Dictionary<string, string> { ["cookie"] = userCookie } },
            new { op = "wait", client = "alice", @event = "whoami" },
            new { op = "wait", client = "alice-admin", @event = "welcome" });

        Assert.Equal("unauthorized", result.Connect("anonymous").GetProperty("message").GetString());
        Assert.Equal("[\"alice\"]", Assert.Single(result.Received("whoami", "alice")));
        Assert.Equal("[\"alice\"]", Assert.Single(result.Received("welcome", "alice-admin")));
        var refused = result.Connect("bob-admin");
        Assert.Equal("forbidden", refused.GetProperty("message").GetString());
        Assert.Equal("{\"needed\":\"admin\"}", refused.GetProperty("data").GetRawText());
    }

    /// <summary>Cookie authentication for the handshake request.</summary>
    internal static void AddCookieAuthentication(WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddAuthorization();
    }

    /// <summary>Authentication in the pipeline, and <c>GET /login?name=…&amp;role=…</c> that signs in (see <see cref="LoginAsync"/>).</summary>
    internal static void UseCookieAuthenticationWithLogin(WebApplication web)
    {
        web.UseAuthentication();
        web.MapGet("/login", async (HttpContext context, string name, string? role) =>
        {
            var claims = new List<Claim> { new(ClaimTypes.Name, name) };
            if (role is not null)
            {
                claims.Add(new Claim(ClaimTypes.Role, role));
            }

            await context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
            return "signed in";
        });
    }

    /// <summary>Signs in through <c>/login</c> and returns the cookie (<c>name=value</c>) to send on the handshake.</summary>
    internal static async Task<string> LoginAsync(TestHost host, string name, string? role)
    {
        using var handler = new HttpClientHandler { UseCookies = false };
        using var http = new HttpClient(handler);
        var url = host.Url($"login?name={name}" + (role is null ? "" : $"&role={role}"));
        using var response = await http.GetAsync(url).WaitAsync(TestTimeouts.Default);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return setCookie.Split(';')[0];
    }
}
