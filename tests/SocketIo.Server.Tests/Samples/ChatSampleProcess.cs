using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Samples;

/// <summary>
/// The chat sample run as <c>dotnet run --project samples/Chat</c> runs it: its built dll, the project folder as the
/// working directory (so wwwroot is found), <c>--urls</c> naming the port. Stopped by killing the process it started.
/// </summary>
public sealed class ChatSampleProcess : IAsyncDisposable
{
    /// <summary>How long the sample may take to listen: a cold start on a loaded 2-core machine is slow.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly ITestOutputHelper _output;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private ChatSampleProcess(Process process, Uri baseUrl, ITestOutputHelper output)
    {
        _process = process;
        BaseUrl = baseUrl;
        _output = output;
    }

    /// <summary>Gets the sample's address, e.g. <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gets the repository's root folder.</summary>
    public static string RepositoryRoot { get; } = Path.GetFullPath(Metadata("RepositoryRoot"));

    /// <summary>Gets a port no listener holds now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the sample on <paramref name="port"/> and returns once it listens.</summary>
    /// <param name="port">The port, on 127.0.0.1.</param>
    /// <param name="output">Where the sample's console output goes.</param>
    /// <param name="args">More command-line arguments, e.g. <c>--Chat:AdminToken=…</c>.</param>
    public static Task<ChatSampleProcess> StartAsync(int port, ITestOutputHelper output, params string[] args)
    {
        var dll = Path.Combine(RepositoryRoot, "samples", "Chat", "bin", Metadata("Configuration"), "net10.0", "Chat.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project builds the sample first (see its csproj).");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(RepositoryRoot, "samples", "Chat") };
        start.ArgumentList.Add(dll);
        return StartAsync(start, port, output, args);
    }

    /// <summary>Starts a published, self-contained executable of the sample (e.g. Native AOT) in its own folder.</summary>
    public static Task<ChatSampleProcess> StartPublishedAsync(string executable, int port, ITestOutputHelper output)
        => StartAsync(new ProcessStartInfo(executable) { WorkingDirectory = Path.GetDirectoryName(executable)! }, port, output, []);

    private static async Task<ChatSampleProcess> StartAsync(ProcessStartInfo start, int port, ITestOutputHelper output, string[] args)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var baseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var sample = new ChatSampleProcess(process, baseUrl, output);
        process.OutputDataReceived += (_, e) => sample.OnLine(e.Data, "chat> ");
        process.ErrorDataReceived += (_, e) => sample.OnLine(e.Data, "chat! ");
        process.Exited += (_, _) => sample._listening.TrySetException(new InvalidOperationException("The chat sample exited before listening."));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await sample._listening.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await sample.DisposeAsync();
            throw;
        }

        return sample;
    }

    /// <summary>Kills the sample's process (only the one this instance started) and waits for it to end.</summary>
    public async Task StopAsync()
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
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await StopAsync();
            _process.Dispose();
        }
    }

    private static string Metadata(string key) =>
        typeof(ChatSampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private void OnLine(string? line, string prefix)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains("Now listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
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
