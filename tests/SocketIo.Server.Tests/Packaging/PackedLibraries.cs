using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.Samples;

namespace SocketIo.Server.Tests.Packaging;

/// <summary>
/// Every library under <c>src/</c> packed once, as a release build does it: <c>dotnet pack -c Release</c> with CI=true,
/// warnings as errors, a repository URL passed on the command line, and a pre-release label unique to this run so no
/// NuGet cache can serve an older build of the same version. Deleted when the tests are done.
/// </summary>
public sealed class PackedLibraries : IAsyncLifetime
{
    /// <summary>The repository URL the test passes; a test value, it only has to reach the .nuspec and the PDB.</summary>
    public const string RepositoryUrl = "https://github.com/example/socketio";

    /// <summary>A cold Release build of the libraries on a loaded 2-core machine takes about a minute.</summary>
    private static readonly TimeSpan PackTimeout = TimeSpan.FromSeconds(200);

    private readonly string _runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>Reads what the tests compare the packages with, and names this run.</summary>
    public PackedLibraries()
    {
        VersionSuffix = $"test.r{_runId}";
        Version = $"{VersionPrefix()}-{VersionSuffix}";
    }

    /// <summary>Gets the repository's root folder.</summary>
    public static string RepositoryRoot => ChatSampleProcess.RepositoryRoot;

    /// <summary>Gets the libraries: every project under <c>src/</c>, by name, with the names of the projects it references.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Libraries { get; } = FindLibraries();

    /// <summary>Gets the version every package must have: Directory.Build.props' VersionPrefix and this run's label.</summary>
    public string Version { get; }

    /// <summary>Gets this run's pre-release label (letters first: a numeric label may not start with 0).</summary>
    public string VersionSuffix { get; }

    /// <summary>Gets the commit being built (HEAD), which the packages must name.</summary>
    public string Commit { get; private set; } = "";

    /// <summary>Gets the folder holding the <c>.nupkg</c> and <c>.snupkg</c> files.</summary>
    public string PackagesDirectory => Path.Combine(WorkDirectory, "packages");

    /// <summary>Gets what <c>dotnet pack</c> printed.</summary>
    public string PackLog { get; private set; } = "";

    /// <summary>
    /// The build's own folder (bin and obj), inside the repository's ignored <c>artifacts/</c> as a build's obj folder
    /// is inside it: so the PDBs map its generated files to <c>/_/</c> like every other source file.
    /// </summary>
    private string WorkDirectory => Path.Combine(RepositoryRoot, "artifacts", $"package-test-{_runId}");

    /// <summary>Gets the path of a library's package, <paramref name="extension"/> being <c>nupkg</c> or <c>snupkg</c>.</summary>
    public string PackagePath(string library, string extension) => Path.Combine(PackagesDirectory, $"{library}.{Version}.{extension}");

    /// <summary>Gets <paramref name="library"/> and every library it depends on, directly or not.</summary>
    public IReadOnlySet<string> WithDependencies(string library)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([library]);
        while (pending.TryPop(out var next))
        {
            if (found.Add(next))
            {
                foreach (var reference in Libraries[next])
                {
                    pending.Push(reference);
                }
            }
        }

        return found;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Commit = await GitHeadAsync()
            ?? throw new InvalidOperationException("The packaging tests need the sources in a git repository: the packages name their commit.");
        Directory.CreateDirectory(WorkDirectory);

        // One solution of the libraries, so a single pack restores and builds them in dependency order.
        var solution = Path.Combine(WorkDirectory, "Libraries.slnx");
        new XElement("Solution", Libraries.Keys.Select(name => new XElement("Project", new XAttribute("Path", ProjectPath(name)))))
            .Save(solution);

        PackLog = await DotnetCli.RunAsync(
            RepositoryRoot,
            [
                "pack", solution, "-c", "Release",
                "-o", PackagesDirectory,
                "--artifacts-path", Path.Combine(WorkDirectory, "build"),
                "--version-suffix", VersionSuffix,
                "-warnaserror",
                $"-p:RepositoryUrl={RepositoryUrl}",
                // The compiler runs in the build's own process: no compiler server outlives the test.
                "-p:UseSharedCompilation=false",
            ],
            new Dictionary<string, string> { ["CI"] = "true" },
            PackTimeout);
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        if (Directory.Exists(WorkDirectory))
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static string ProjectPath(string library) => Path.Combine(RepositoryRoot, "src", library, $"{library}.csproj");

    private static Dictionary<string, IReadOnlyList<string>> FindLibraries()
    {
        var libraries = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(Path.Combine(RepositoryRoot, "src")))
        {
            var name = Path.GetFileName(folder);
            var project = ProjectPath(name);
            if (File.Exists(project))
            {
                libraries[name] = [.. XDocument.Load(project).Descendants("ProjectReference")
                    .Select(reference => Path.GetFileNameWithoutExtension((string)reference.Attribute("Include")!))];
            }
        }

        Assert.NotEmpty(libraries);
        return libraries;
    }

    private static string VersionPrefix() =>
        XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    private static async Task<string?> GitHeadAsync()
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])["-C", RepositoryRoot, "rev-parse", "HEAD"])
        {
            start.ArgumentList.Add(arg);
        }

        Process git;
        try
        {
            git = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (git)
        {
            try
            {
                var head = (await git.StandardOutput.ReadToEndAsync().WaitAsync(TestTimeouts.Default)).Trim();
                await git.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
                return git.ExitCode == 0 && head.Length == 40 ? head.ToLower(CultureInfo.InvariantCulture) : null;
            }
            catch (TimeoutException)
            {
                git.Kill(entireProcessTree: true);
                throw;
            }
        }
    }
}
