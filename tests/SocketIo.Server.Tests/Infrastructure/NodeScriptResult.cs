using System.Text;
using System.Text.Json;

namespace SocketIo.Server.Tests.Infrastructure;

/// <summary>What a Node script printed, and how it ended.</summary>
/// <param name="Script">The script, relative to <c>tests/interop</c>.</param>
/// <param name="ExitCode">Its exit code: 0 when the scenario ran (whatever it observed), otherwise it crashed.</param>
/// <param name="TimedOut">Whether it was killed at its deadline.</param>
/// <param name="Lines">Its stdout lines, each parsed as JSON.</param>
/// <param name="UnparsedLines">Stdout lines that were not JSON.</param>
/// <param name="Stderr">Its stderr lines.</param>
public sealed record NodeScriptResult(
    string Script,
    int ExitCode,
    bool TimedOut,
    IReadOnlyList<JsonElement> Lines,
    IReadOnlyList<string> UnparsedLines,
    IReadOnlyList<string> Stderr)
{
    /// <summary>Gets the lines whose <c>event</c> is <paramref name="eventName"/>.</summary>
    public IReadOnlyList<JsonElement> Events(string eventName) => [.. Lines.Where(l => l.Event() == eventName)];

    /// <summary>Gets the single line whose <c>event</c> is <paramref name="eventName"/>; fails if there is not exactly one.</summary>
    public JsonElement SingleEvent(string eventName)
    {
        var found = Events(eventName);
        Assert.True(found.Count == 1, $"Expected exactly one {eventName} line, got {found.Count}.{Environment.NewLine}{this}");
        return found[0];
    }

    /// <summary>Fails unless the script ran to its end by itself (exit 0, not killed, no crash).</summary>
    public void AssertRan()
    {
        Assert.False(TimedOut, $"{Script} was killed at its deadline.{Environment.NewLine}{this}");
        Assert.True(ExitCode == 0, $"{Script} crashed with exit code {ExitCode}.{Environment.NewLine}{this}");
        Assert.True(UnparsedLines.Count == 0, $"{Script} printed lines that are not JSON.{Environment.NewLine}{this}");
    }

    /// <summary>Everything the script printed, for failure messages.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"{Script}: exit {ExitCode}{(TimedOut ? " (killed at its deadline)" : "")}");
        text.AppendLine("stdout:");
        foreach (var line in Lines)
        {
            text.AppendLine(line.GetRawText());
        }

        foreach (var line in UnparsedLines)
        {
            text.AppendLine(line);
        }

        text.AppendLine("stderr:");
        foreach (var line in Stderr)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }
}
