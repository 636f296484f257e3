using System.Reflection;

namespace SocketIo.Server.Tests.Docs;

/// <summary>
/// docs/options.md is the options' XML documentation, generated: a public option without a row, a row for an option
/// that no longer exists, or a summary changed in the code but not in the file fails here. Every option must document
/// its default.
/// </summary>
public sealed class OptionsReferenceTests
{
    private static readonly string RepositoryRoot = typeof(OptionsReferenceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private static string ReferencePath => Path.Combine(RepositoryRoot, "docs", "options.md");

    [Fact]
    public void The_reference_is_the_options_documentation()
    {
        var expected = OptionsReference.Generate();
        if (Environment.GetEnvironmentVariable("UPDATE_OPTIONS_REFERENCE") == "1")
        {
            File.WriteAllText(ReferencePath, expected);
        }

        var actual = File.Exists(ReferencePath) ? File.ReadAllText(ReferencePath) : string.Empty;
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var missing = expectedLines.Except(actualLines).ToArray();
        var stale = actualLines.Except(expectedLines).ToArray();
        Assert.True(
            missing.Length == 0 && stale.Length == 0,
            $"docs/options.md is out of date; run UPDATE_OPTIONS_REFERENCE=1 dotnet test tests/SocketIo.Server.Tests --filter OptionsReference.{Environment.NewLine}"
            + $"Missing or changed:{Environment.NewLine}{string.Join(Environment.NewLine, missing)}{Environment.NewLine}"
            + $"No longer in the code:{Environment.NewLine}{string.Join(Environment.NewLine, stale)}");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_option_is_documented_with_its_default()
    {
        var undocumented = OptionsReference.OptionsTypes()
            .SelectMany(type => OptionsReference.Options(type).Select(property => (type, property, summary: OptionsReference.Summary(property))))
            .Where(o => o.summary is null || !o.summary.Contains("default", StringComparison.OrdinalIgnoreCase))
            .Select(o => $"{o.type.Name}.{o.property.Name}")
            .ToArray();
        Assert.Empty(undocumented);
    }

    [Fact]
    public void The_reference_covers_every_package_with_options()
    {
        var covered = OptionsReference.OptionsTypes().Select(t => t.Name).ToHashSet();
        Assert.Superset(
            new HashSet<string> { "SocketIoOptions", "EngineIoOptions", "EngineIoCookieOptions", "ClusterAdapterOptions", "RedisAdapterOptions", "RedisShardedAdapterOptions", "RedisEmitterOptions", "AdminUIOptions", "SocketIoDecoderOptions" },
            covered);
    }
}
