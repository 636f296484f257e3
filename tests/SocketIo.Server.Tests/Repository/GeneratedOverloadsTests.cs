using System.Diagnostics;
using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.Samples;

namespace SocketIo.Server.Tests.Repository;

/// <summary>
/// The typed handler overloads (<c>*.g.cs</c>) are committed output of tools/generate-handler-overloads.py: a change to
/// either alone fails here, so that the two never drift apart.
/// </summary>
public sealed class GeneratedOverloadsTests
{
    [Fact]
    public async Task The_committed_overloads_are_what_the_script_writes()
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ChatSampleProcess.RepositoryRoot,
        };
        start.ArgumentList.Add(Path.Combine("tools", "generate-handler-overloads.py"));
        start.ArgumentList.Add("--check");

        using var script = Process.Start(start)!;
        try
        {
            var output = script.StandardOutput.ReadToEndAsync();
            var errors = script.StandardError.ReadToEndAsync();
            await script.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
            Assert.True(script.ExitCode == 0, $"{await output}{await errors}");
        }
        catch (TimeoutException)
        {
            script.Kill(entireProcessTree: true);
            throw;
        }
    }
}
