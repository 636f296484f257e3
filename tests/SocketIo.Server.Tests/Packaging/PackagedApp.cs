using System.Diagnostics;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Packaging;

/// <summary>
/// An app built from the packages, run as <c>dotnet App.dll --urls http://127.0.0.1:0</c>: Kestrel takes a port the OS
/// chooses and prints it. Stopped by killing the process this instance started.
/// </summary>
public sealed class PackagedApp : IAsyncDisposable
{
    /// <summary>How long the app may take to listen: a cold start on a loaded 2-core machine is slow.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private const string ListeningPrefix = "Now listening on: ";

    private readonly Process _process;
    private readonly ITestOutputHelper _output;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PackagedApp(Process process, ITestOutputHelper output)
    {
        _process = process;
        _output = output;
    }

    /// <summary>Gets the app's address, e.g. <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Starts the built app <paramref name="dll"/> and returns once it listens.</summary>
    public static async Task<PackagedApp> StartAsync(string dll, ITestOutputHelper output)
    {
        var start = DotnetCli.StartInfo(Path.GetDirectoryName(dll)!, [dll, "--urls", "http://127.0.0.1:0"]);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new PackagedApp(process, output);
        process.OutputDataReceived += (_, e) => app.OnLine(e.Data, "app> ");
        process.ErrorDataReceived += (_, e) => app.OnLine(e.Data, "app! ");
        process.Exited += (_, _) => app._listening.TrySetException(new InvalidOperationException("The app exited before listening."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            app.BaseUrl = await app._listening.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Kills the app's process (the one this instance started) and waits for it to end.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
        _process.Dispose();
    }

    private void OnLine(string? line, string prefix)
    {
        if (line is null)
        {
            return;
        }

        var at = line.IndexOf(ListeningPrefix, StringComparison.Ordinal);
        if (at >= 0 && Uri.TryCreate(line[(at + ListeningPrefix.Length)..].Trim() + "/", UriKind.Absolute, out var url))
        {
            _listening.TrySetResult(url);
        }

        try
        {
            _output.WriteLine(prefix + line);
        }
        catch (InvalidOperationException)
        {
            // The test already finished; xunit refuses late output.
        }
    }
}
