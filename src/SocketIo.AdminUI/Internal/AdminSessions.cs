using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SocketIo.AdminUI.Internal;

/// <summary>
/// The logins this server remembers: a session id the UI got after a password login lets it reconnect without the
/// password until it expires. Bounded: past <see cref="MaxSessions"/> the oldest are forgotten.
/// </summary>
internal sealed class AdminSessions(TimeSpan duration, TimeProvider time)
{
    public const int MaxSessions = 10_000;

    /// <summary>Session id → when it expires.</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);

    /// <summary>Serializes creations, so the bound holds under concurrent logins.</summary>
    private readonly Lock _creating = new();

    public bool IsValid(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || !_sessions.TryGetValue(sessionId, out var expires))
        {
            return false;
        }

        if (expires > time.GetUtcNow())
        {
            return true;
        }

        _sessions.TryRemove(new KeyValuePair<string, DateTimeOffset>(sessionId, expires));
        return false;
    }

    public string Create()
    {
        var id = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var now = time.GetUtcNow();
        lock (_creating)
        {
            if (_sessions.Count >= MaxSessions)
            {
                foreach (var (key, expires) in _sessions)
                {
                    if (expires <= now)
                    {
                        _sessions.TryRemove(key, out _);
                    }
                }

                while (_sessions.Count >= MaxSessions)
                {
                    var oldest = _sessions.MinBy(static s => s.Value);
                    _sessions.TryRemove(oldest.Key, out _);
                }
            }

            _sessions[id] = now + duration;
        }

        return id;
    }
}
