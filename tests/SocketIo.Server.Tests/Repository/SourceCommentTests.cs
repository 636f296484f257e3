using System.Text.RegularExpressions;
using SocketIo.Server.Tests.Samples;

namespace SocketIo.Server.Tests.Repository;

/// <summary>
/// Comments stand on their own: the code never points at documents outside this repository (a numbered note, a
/// lettered section of notes, a section sign, the team's shared folder) instead of saying the behaviour.
/// </summary>
public sealed partial class SourceCommentTests
{
    private static readonly string[] Roots = ["src", "tests", "testassets", "samples", "benchmarks"];

    private static readonly string[] Extensions = [".cs", ".csproj", ".props", ".targets", ".mjs", ".js", ".py", ".sh", ".md", ".html"];

    [Fact]
    public void No_file_cites_documents_outside_the_repository()
    {
        var offenders = new List<string>();
        foreach (var file in SourceFiles())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (OutsideCitation().IsMatch(lines[i]))
                {
                    offenders.Add($"{Path.GetRelativePath(ChatSampleProcess.RepositoryRoot, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(offenders.Count == 0, "Say the behaviour instead of citing an outside document:\n" + string.Join("\n", offenders));
    }

    [Theory]
    [InlineData("// Refused before reading (note 39).")]
    [InlineData("/// Valid packets from protocol notes J and K.")]
    [InlineData("// Notes J.43: the namespace ends at the comma.")]
    [InlineData("// See the wire format, \u00a74.")]
    [InlineData("// as shared/docs/architecture.md says")]
    public void The_check_recognises_citations(string line) => Assert.Matches(OutsideCitation(), line);

    [Theory]
    [InlineData("// notepack writes a corrupted integer there")]
    [InlineData("// Note that the order matters.")]
    [InlineData("// one walk over the map notes where each field is")]
    public void The_check_leaves_plain_words_alone(string line) => Assert.DoesNotMatch(OutsideCitation(), line);

    private static IEnumerable<string> SourceFiles()
    {
        foreach (var root in Roots)
        {
            var folder = Path.Combine(ChatSampleProcess.RepositoryRoot, root);
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(ChatSampleProcess.RepositoryRoot, file).Replace('\\', '/');
                // This file holds examples of what the check finds.
                if (Extensions.Contains(Path.GetExtension(file)) && !IsGenerated(relative) && Path.GetFileName(file) != "SourceCommentTests.cs")
                {
                    yield return file;
                }
            }
        }
    }

    /// <summary>Build output, installed packages and copied client bundles are not the project's text.</summary>
    private static bool IsGenerated(string relative)
        => relative.Contains("/bin/", StringComparison.Ordinal)
            || relative.Contains("/obj/", StringComparison.Ordinal)
            || relative.Contains("node_modules/", StringComparison.Ordinal)
            || relative.Contains("/wwwroot/lib/", StringComparison.Ordinal)
            || relative.Contains("/wwwroot/admin-ui/", StringComparison.Ordinal)
            || relative.Contains("/results/", StringComparison.Ordinal);

    /// <summary>"note 15", "notes 21 and 22", "notes H", "Notes J.43", a section sign, or the shared folder's documents.</summary>
    [GeneratedRegex(@"\b[Nn]otes?\s+(?:[A-Z](?![a-z])|\d)|\u00a7|shared/(?:docs|seeds)|protocol-notes\.md|adapters-wire-format\.md")]
    private static partial Regex OutsideCitation();
}
