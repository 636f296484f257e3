using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SocketIo.Server;

namespace SocketIo.AdminUI.Internal;

/// <summary>
/// The admin namespace's middleware: the UI's CONNECT carries either <c>{ sessionId }</c> from an earlier login or
/// <c>{ username, password }</c>. A password login gets a new session id, sent to the UI right after it connects.
/// Everything else is refused with "invalid credentials", the message the UI reopens its login form on.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim needs disposing only when its wait handle is used, which it never is here.")]
internal sealed class AdminAuthentication
{
    /// <summary>bcrypt is slow on purpose: one check at a time, so a flood of logins cannot take every thread.</summary>
    private static readonly TimeSpan MaxWaitForCheck = TimeSpan.FromSeconds(10);

    private readonly byte[] _username;
    private readonly string _passwordHash;
    private readonly AdminSessions _sessions;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _checks = new(1, 1);

    /// <summary>Session ids created by a login, until the connection handler sends them to the socket that logged in.</summary>
    private readonly ConditionalWeakTable<Socket, string> _newSessions = [];

    public AdminAuthentication(string username, string passwordHash, AdminSessions sessions, ILogger logger)
    {
        _username = Encoding.UTF8.GetBytes(username);
        _passwordHash = passwordHash;
        _sessions = sessions;
        _logger = logger;
    }

    public async Task AuthenticateAsync(Socket socket, Func<Task> next)
    {
        var auth = socket.Handshake.Auth;
        if (_sessions.IsValid(ReadString(auth, "sessionId")))
        {
            await next().ConfigureAwait(false);
            return;
        }

        var username = ReadString(auth, "username");
        var password = ReadString(auth, "password");
        if (username is null || password is null)
        {
            Refuse(socket, "no credentials or an unknown session", AdminProtocol.InvalidCredentials);
        }

        if (!await _checks.WaitAsync(MaxWaitForCheck).ConfigureAwait(false))
        {
            Refuse(socket, "too many password checks waiting", AdminProtocol.Busy);
        }

        bool passwordMatches;
        try
        {
            passwordMatches = BCrypt.Net.BCrypt.Verify(password, _passwordHash);
        }
        finally
        {
            _checks.Release();
        }

        // The name is compared in constant time and only after the hash check ran, so timing tells nothing about it.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(username), _username) || !passwordMatches)
        {
            Refuse(socket, "wrong user name or password", AdminProtocol.InvalidCredentials);
        }

        _newSessions.AddOrUpdate(socket, _sessions.Create());
        AdminLog.LoggedIn(_logger, username, socket.ConnectionId);
        await next().ConfigureAwait(false);
    }

    /// <summary>Returns (and forgets) the session id a password login of this socket created, if any.</summary>
    public string? TakeNewSession(Socket socket)
    {
        if (!_newSessions.TryGetValue(socket, out var sessionId))
        {
            return null;
        }

        _newSessions.Remove(socket);
        return sessionId;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Refuse(Socket socket, string reason, string message)
    {
        AdminLog.LoginRefused(_logger, socket.ConnectionId, reason);
        throw new SocketIoConnectException(message);
    }

    private static string? ReadString(JsonElement auth, string name)
        => auth.ValueKind == JsonValueKind.Object && auth.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
