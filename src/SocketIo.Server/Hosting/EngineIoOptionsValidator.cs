using SocketIo.Server.Engine;

namespace SocketIo.Server;

/// <summary>Checks <see cref="EngineIoOptions"/> at start-up, with messages that say what to change.</summary>
internal static class EngineIoOptionsValidator
{
    public static void Validate(EngineIoOptions options)
    {
        foreach (var (value, name) in new[]
        {
            (options.PingInterval, nameof(options.PingInterval)),
            (options.PingTimeout, nameof(options.PingTimeout)),
            (options.UpgradeTimeout, nameof(options.UpgradeTimeout)),
        })
        {
            if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
            {
                throw new ArgumentException($"EngineIoOptions.{name} must be a positive duration (it is {value}).", nameof(options));
            }
        }

        if (options.MaxHttpBufferSize <= 0)
        {
            throw new ArgumentException($"EngineIoOptions.MaxHttpBufferSize must be greater than 0 (it is {options.MaxHttpBufferSize}).", nameof(options));
        }

        if (options.MaxOutboundFrames <= 0)
        {
            throw new ArgumentException($"EngineIoOptions.MaxOutboundFrames must be greater than 0 (it is {options.MaxOutboundFrames}).", nameof(options));
        }

        if (options.HttpCompressionThreshold < 0)
        {
            throw new ArgumentException("EngineIoOptions.HttpCompressionThreshold must not be negative.", nameof(options));
        }

        if (!options.AllowPolling && !options.AllowWebSocket)
        {
            throw new ArgumentException("EngineIoOptions must allow at least one transport: set AllowPolling or AllowWebSocket.", nameof(options));
        }

        if (options.TimeProvider is null)
        {
            throw new ArgumentException("EngineIoOptions.TimeProvider must not be null.", nameof(options));
        }
    }
}
