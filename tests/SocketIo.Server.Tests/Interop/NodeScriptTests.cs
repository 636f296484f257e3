using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Interop;

/// <summary>The harness that drives the npm clients, checked on its own with <c>tests/interop/selfcheck.mjs</c>.</summary>
public sealed class NodeScriptTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Runs_a_script_and_parses_its_json_lines()
    {
        var result = await NodeScript.RunAsync("selfcheck.mjs", ["ok"], output);

        result.AssertRan();
        Assert.Equal(["ready", "tick", "tick", "tick", "done"], result.Lines.Select(l => l.Event()));
        Assert.Equal(4, result.SingleEvent("ready").NumberProperty("protocol"));
        Assert.Equal([1L, 2L, 3L], result.Events("tick").Select(l => l.NumberProperty("n")!.Value));
    }

    [Fact]
    public async Task Awaits_lines_one_after_another_while_the_script_runs()
    {
        await using var node = NodeScript.Start("selfcheck.mjs", ["ok"], output);

        var ready = await node.WaitForEventAsync("ready");
        var second = await node.WaitForLineAsync(l => l.NumberProperty("n") == 2, "tick 2");
        await node.WaitForEventAsync("done");
        var result = await node.WaitForExitAsync();

        Assert.Equal("ok", ready.StringProperty("mode"));
        Assert.Equal("tick", second.Event());
        result.AssertRan();
    }

    [Fact]
    public async Task A_wait_fails_clearly_when_the_script_ends_without_the_line()
    {
        await using var node = NodeScript.Start("selfcheck.mjs", ["ok"], output);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => node.WaitForEventAsync("never"));

        Assert.Contains("ended without a line", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"tick\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_crash_with_its_exit_code_and_stderr()
    {
        var result = await NodeScript.RunAsync("selfcheck.mjs", ["crash"], output);

        Assert.NotEqual(0, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.Contains(result.Stderr, line => line.Contains("selfcheck crash on purpose", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kills_a_script_that_outlives_its_deadline()
    {
        // Long enough for Node to start and print "ready" on a loaded machine; the script then never ends by itself.
        var result = await NodeScript.RunAsync("selfcheck.mjs", ["hang"], output, timeout: TimeSpan.FromSeconds(8));

        Assert.True(result.TimedOut);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("ready", Assert.Single(result.Lines).Event());
    }

    [Fact]
    public async Task Keeps_lines_that_are_not_json_and_stderr_apart()
    {
        var result = await NodeScript.RunAsync("selfcheck.mjs", ["noise"], output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["not json"], result.UnparsedLines);
        Assert.Contains("a line on stderr", result.Stderr);
        Assert.Equal(["ready", "done"], result.Lines.Select(l => l.Event()));
    }
}
