using Microsoft.Extensions.Options;

namespace SocketIo.AdminUI.Hosting;

/// <summary>Checks the options when the host starts, so missing credentials fail fast with a message that says what to set.</summary>
internal sealed class AdminUIOptionsValidator : IValidateOptions<AdminUIOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminUIOptions options)
    {
        var failures = options.GetValidationErrors();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
