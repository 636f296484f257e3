using Microsoft.Extensions.Options;

namespace SocketIo.Server.Hosting;

/// <summary>Checks the options when the host starts, so a bad setting fails fast with a message that says which.</summary>
internal sealed class SocketIoOptionsValidator : IValidateOptions<SocketIoOptions>
{
    public ValidateOptionsResult Validate(string? name, SocketIoOptions options)
    {
        var failures = new List<string>();
        RequirePositive(failures, nameof(options.PingInterval), options.PingInterval);
        RequirePositive(failures, nameof(options.PingTimeout), options.PingTimeout);
        RequirePositive(failures, nameof(options.UpgradeTimeout), options.UpgradeTimeout);
        RequirePositive(failures, nameof(options.ConnectTimeout), options.ConnectTimeout);
        if (options.MaxHttpBufferSize <= 0)
        {
            failures.Add($"SocketIoOptions.MaxHttpBufferSize must be positive (was {options.MaxHttpBufferSize}).");
        }

        if (options.MaxOutboundFrames <= 0)
        {
            failures.Add($"SocketIoOptions.MaxOutboundFrames must be positive (was {options.MaxOutboundFrames}).");
        }

        if (options.MaxAttachments is < 1 or > 1000)
        {
            failures.Add($"SocketIoOptions.MaxAttachments must be between 1 and 1000 (was {options.MaxAttachments}).");
        }

        if (!options.AllowPolling && !options.AllowWebSocket)
        {
            failures.Add("SocketIoOptions: AllowPolling and AllowWebSocket are both false; enable at least one transport.");
        }

        if (string.IsNullOrWhiteSpace(options.Path) || !options.Path.StartsWith('/'))
        {
            failures.Add($"SocketIoOptions.Path must start with '/' (was '{options.Path}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"SocketIoOptions.{name} must be positive (was {value}).");
        }
    }
}
