using Microsoft.Extensions.Options;
using SocketIo.AdminUI;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;
using static SocketIo.Server.Tests.AdminUI.AdminUITestServer;

namespace SocketIo.Server.Tests.AdminUI;

/// <summary>The admin namespace's login, with the real socket.io-client sending what the UI sends.</summary>
public sealed class AdminUILoginTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_right_credentials_log_in_and_get_a_session_id_that_logs_in_again_and_anything_else_is_refused()
    {
        await using var server = await StartAsync(output, o => o.Mode = AdminUIMode.Production);

        var first = await server.RunAsync(
            Login("wrong-password", new { username = Username, password = "nope" }),
            Login("wrong-user", new { username = "root", password = Password }),
            Login("nothing", new { }),
            Login("not-strings", new { username = 1, password = true }),
            LoginWithPassword(),
            Wait("ui", "session"),
            Wait("ui", "config"));

        foreach (var refused in new[] { "wrong-password", "wrong-user", "nothing", "not-strings" })
        {
            var connect = first.Connect(refused);
            Assert.False(connect.GetProperty("ok").GetBoolean(), first.ToString());
            Assert.Equal("invalid credentials", connect.StringProperty("message"));
        }

        Assert.True(first.Connect("ui").GetProperty("ok").GetBoolean(), first.ToString());
        var sessionId = Assert.Single(first.Events("session")).EnumerateArray().Single().GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", sessionId);

        var second = await server.RunAsync(
            Login("again", new { sessionId }),
            Wait("again", "config"),
            Login("forged", new { sessionId = new string('0', 32) }));

        Assert.True(second.Connect("again").GetProperty("ok").GetBoolean(), second.ToString());
        Assert.Empty(second.Events("session", "again"));
        Assert.Equal("invalid credentials", second.Connect("forged").StringProperty("message"));
    }

    [Fact]
    public async Task Anonymous_access_needs_no_credentials_when_chosen()
    {
        await using var server = await StartAsync(output, o =>
        {
            o.Username = null;
            o.PasswordHash = null;
            o.AllowAnonymous = true;
            o.Mode = AdminUIMode.Production;
        });

        var run = await server.RunAsync(Login("ui", new { }), Wait("ui", "config"));

        Assert.True(run.Connect("ui").GetProperty("ok").GetBoolean(), run.ToString());
        Assert.Empty(run.Events("session"));
    }

    [Theory]
    [InlineData(AdminUIMode.Development, false, "EMIT,JOIN,LEAVE,DISCONNECT,MJOIN,MLEAVE,MDISCONNECT,AGGREGATED_EVENTS,ALL_EVENTS")]
    [InlineData(AdminUIMode.Production, false, "EMIT,JOIN,LEAVE,DISCONNECT,MJOIN,MLEAVE,MDISCONNECT,AGGREGATED_EVENTS")]
    [InlineData(AdminUIMode.Development, true, "AGGREGATED_EVENTS,ALL_EVENTS")]
    [InlineData(AdminUIMode.Production, true, "AGGREGATED_EVENTS")]
    public async Task The_config_announces_the_commands_unless_read_only_and_all_events_in_development_mode(AdminUIMode mode, bool readOnly, string features)
    {
        await using var server = await StartAsync(output, o =>
        {
            o.Mode = mode;
            o.ReadOnly = readOnly;
        });

        var run = await server.RunAsync(LoginWithPassword(), Wait("ui", "config"));

        var config = Assert.Single(run.Events("config"))[0];
        Assert.Equal(features, string.Join(",", config.GetProperty("supportedFeatures").EnumerateArray().Select(f => f.GetString())));
    }

    [Fact]
    public async Task A_host_without_credentials_or_anonymous_access_does_not_start()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(output, o =>
        {
            o.Username = null;
            o.PasswordHash = null;
        }));

        Assert.Contains("set Username and PasswordHash", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", "plain-text-password", false, "must be a bcrypt hash")]
    [InlineData("admin", "$2b$10$abc", false, "must be a bcrypt hash")]
    [InlineData(null, null, false, "set Username and PasswordHash")]
    [InlineData("admin", "HASH", true, "not both")]
    public void Options_name_what_is_wrong(string? username, string? passwordHash, bool anonymous, string expected)
    {
        var options = new AdminUIOptions
        {
            Username = username,
            PasswordHash = passwordHash == "HASH" ? PasswordHash : passwordHash,
            AllowAnonymous = anonymous,
        };

        Assert.Contains(options.GetValidationErrors(), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("$2a$")]
    [InlineData("$2b$")]
    [InlineData("$2y$")]
    public void A_hash_with_any_common_prefix_is_accepted_and_verifies(string prefix)
    {
        // The prefixes name the same algorithm: bcryptjs writes $2a$ (older) or $2b$, htpasswd and PHP $2y$.
        var hash = prefix + PasswordHash[4..];

        Assert.Empty(new AdminUIOptions { Username = "admin", PasswordHash = hash }.GetValidationErrors());
        Assert.True(BCrypt.Net.BCrypt.Verify(Password, hash));
        Assert.False(BCrypt.Net.BCrypt.Verify(Password + "!", hash));
    }
}
