using Microsoft.Extensions.Options;

namespace SocketIo.Server.Hosting;

/// <summary>Checks the options when the host starts, so a bad setting fails fast with a message that says which.</summary>
internal sealed class SocketIoOptionsValidator : IValidateOptions<SocketIoOptions>
{
    public ValidateOptionsResult Validate(string? name, SocketIoOptions options)
    {
        var failures = options.GetValidationErrors();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
