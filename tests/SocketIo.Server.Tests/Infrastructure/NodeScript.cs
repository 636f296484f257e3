using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Threading.Channels;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Infrastructure;

/// <summary>
/// Runs a Node script from <c>tests/interop</c> (the real npm clients), or a Python one (<c>.py</c>: Debian's
/// <c>/usr/bin/python3</c>, whose packaged modules such as python3-socketio another python3 on the PATH would not
/// see). The script prints one JSON object per line
/// on stdout; each line is parsed and handed to the test. Either run it to the end with <see cref="RunAsync"/>, or
/// <see cref="Start"/> it and await lines one after another while the test acts on the server in between. The whole
/// run is bounded by <see cref="TestTimeouts.NodeScript"/>: past that the process (and its children) is killed.
/// </summary>
public sealed class NodeScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ITestOutputHelper? _output;
    private readonly string _name;

    /// <summary>Every parsed stdout line, in order; written by the stdout reader only.</summary>
    private readonly List<JsonElement> _lines = [];

    /// <summary>Stdout lines that are not JSON and every stderr line, kept to explain a failure.</summary>
    private readonly List<string> _unparsed = [];

    private readonly List<string> _stderr = [];

    /// <summary>The parsed lines again, for the awaiting side; completed when stdout ends.</summary>
    private readonly Channel<JsonElement> _pending = Channel.CreateUnbounded<JsonElement>();

    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenRegistration _onDeadline;
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;

    /// <summary>Set when the deadline killed the script.</summary>
    private volatile bool _timedOut;

    private NodeScript(Process process, string name, TimeSpan timeout, ITestOutputHelper? output)
    {
        _process = process;
        _name = name;
        _output = output;
        _deadline = new CancellationTokenSource(timeout);
        _onDeadline = _deadline.Token.Register(OnDeadline);
        _stdoutPump = Task.Run(PumpStdoutAsync);
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    /// <summary>Gets the directory holding the scripts and their <c>node_modules</c> (<c>tests/interop</c>).</summary>
    public static string InteropDirectory { get; } = FindInteropDirectory();

    /// <summary>Runs a script to its end and returns what it printed.</summary>
    /// <param name="script">The script, relative to <c>tests/interop</c>, e.g. <c>engine/upgrade.mjs</c>.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="output">Where to echo its stdout and stderr, so a failing test shows them.</param>
    /// <param name="timeout">The bound on the whole run; <see cref="TestTimeouts.NodeScript"/> by default.</param>
    public static async Task<NodeScriptResult> RunAsync(
        string script,
        IEnumerable<string> args,
        ITestOutputHelper? output = null,
        TimeSpan? timeout = null)
    {
        await using var node = Start(script, args, output, timeout);
        return await node.WaitForExitAsync();
    }

    /// <summary>Starts a script and returns at once; await its lines with <see cref="WaitForLineAsync"/>.</summary>
    /// <inheritdoc cref="RunAsync" path="/param"/>
    public static NodeScript Start(
        string script,
        IEnumerable<string> args,
        ITestOutputHelper? output = null,
        TimeSpan? timeout = null)
    {
        var directory = InteropDirectory;
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException(
                $"{Path.Combine(directory, "node_modules")} is missing: run npm ci in tests/interop (or ./test.sh, which does).");
        }

        var interpreter = script.EndsWith(".py", StringComparison.Ordinal) ? "/usr/bin/python3" : "node";
        var startInfo = new ProcessStartInfo(interpreter)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {interpreter}: install Node.js 20+ on the PATH (Debian's python3 for .py scripts).", ex);
        }

        process.StandardInput.Close();
        return new NodeScript(process, script, timeout ?? TestTimeouts.NodeScript, output);
    }

    /// <summary>Gets the parsed lines printed so far.</summary>
    public IReadOnlyList<JsonElement> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>
    /// Waits for the next line, after the last one a previous wait returned, that matches <paramref name="match"/>
    /// (lines skipped on the way stay in <see cref="Lines"/>). Fails if the script ends first or the wait times out.
    /// </summary>
    public async Task<JsonElement> WaitForLineAsync(Func<JsonElement, bool> match, string description, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        try
        {
            await foreach (var line in _pending.Reader.ReadAllAsync(cts.Token))
            {
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"{_name}: no line {description} within {timeout ?? TestTimeouts.Default}.{Describe()}");
        }

        throw new InvalidOperationException($"{_name} ended without a line {description}.{Describe()}");
    }

    /// <summary>Waits for the next line whose <c>event</c> is <paramref name="eventName"/>.</summary>
    public Task<JsonElement> WaitForEventAsync(string eventName, TimeSpan? timeout = null) =>
        WaitForLineAsync(line => line.Event() == eventName, $"{{\"event\":\"{eventName}\"}}", timeout);

    /// <summary>Waits for the script to end (or be killed at its deadline) and returns everything it printed.</summary>
    public async Task<NodeScriptResult> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        await Task.WhenAll(_stdoutPump, _stderrPump);
        lock (_lines)
        {
            return new NodeScriptResult(_name, _process.ExitCode, _timedOut, [.. _lines], [.. _unparsed], [.. _stderr]);
        }
    }

    /// <summary>Kills the script if it still runs, and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await Task.WhenAll(_stdoutPump, _stderrPump).WaitAsync(TestTimeouts.Default);
        }
        catch (TimeoutException)
        {
            // The pipes did not close; nothing more to read.
        }

        await _onDeadline.DisposeAsync();
        _deadline.Dispose();
        _process.Dispose();
    }

    private static string FindInteropDirectory()
    {
        var configured = typeof(NodeScript).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "InteropDirectory")?.Value
            ?? throw new InvalidOperationException("The test assembly lacks its InteropDirectory metadata (see the csproj).");
        return Path.GetFullPath(configured);
    }

    private void OnDeadline()
    {
        _timedOut = !HasExited();
        Write($"[{_name}] killed: still running after its deadline");
        Kill();
    }

    private bool HasExited()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Only the process this class started, and the children it spawned.
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task PumpStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } text)
            {
                Write($"node> {text}");
                JsonElement line;
                try
                {
                    using var document = JsonDocument.Parse(text);
                    line = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    lock (_lines)
                    {
                        _unparsed.Add(text);
                    }

                    continue;
                }

                lock (_lines)
                {
                    _lines.Add(line);
                }

                _pending.Writer.TryWrite(line);
            }
        }
        finally
        {
            _pending.Writer.TryComplete();
        }
    }

    private async Task PumpStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } text)
        {
            Write($"node! {text}");
            lock (_lines)
            {
                _stderr.Add(text);
            }
        }
    }

    private string Describe()
    {
        lock (_lines)
        {
            var stdout = string.Join(Environment.NewLine, _lines.Select(l => l.GetRawText()).Concat(_unparsed));
            var stderr = string.Join(Environment.NewLine, _stderr);
            return $"{Environment.NewLine}stdout:{Environment.NewLine}{stdout}{Environment.NewLine}stderr:{Environment.NewLine}{stderr}";
        }
    }

    private void Write(string line)
    {
        try
        {
            _output?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test already finished; xunit refuses late output.
        }
    }
}
