namespace SocketIo.Redis.Tests.Infrastructure;

/// <summary>Channel prefixes of their own, so tests that share a Redis server never see each other's messages.</summary>
public static class RedisKeys
{
    public static string Unique() => "t" + Guid.NewGuid().ToString("N")[..12];
}
