using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.SocketIoLayer;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Packaging;

/// <summary>
/// The NuGet packages as a user gets them: what each one holds and says about itself, and a fresh web app that
/// references them by version (no project reference), built, run, and called by the real socket.io-client.
/// </summary>
[Collection(nameof(PackagingTests))]
public sealed class PackageTests(PackedLibraries packages, ITestOutputHelper output) : IClassFixture<PackedLibraries>
{
    /// <summary>Restoring and building the app from the packages on a loaded 2-core machine.</summary>
    private static readonly TimeSpan AppBuildTimeout = TimeSpan.FromSeconds(150);

    /// <summary>The PDB record holding the SourceLink JSON.</summary>
    private static readonly Guid SourceLinkRecord = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    /// <summary>The PDB record holding a source file embedded in the PDB.</summary>
    private static readonly Guid EmbeddedSourceRecord = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    private static string PackageReadmePath => Path.Combine(PackedLibraries.RepositoryRoot, "docs", "packages", "README.md");

    [Fact]
    public void Every_library_is_a_package_with_its_metadata_documentation_and_symbols()
    {
        output.WriteLine(packages.PackLog);
        Assert.Equal(
            packages.Libraries.Keys.SelectMany(l => (string[])[$"{l}.{packages.Version}.nupkg", $"{l}.{packages.Version}.snupkg"]).Order(),
            Directory.GetFiles(packages.PackagesDirectory).Select(Path.GetFileName).Order());

        var readme = File.ReadAllBytes(PackageReadmePath);
        foreach (var (library, references) in packages.Libraries)
        {
            using var package = new PackageContents(packages.PackagePath(library, "nupkg"), library);
            Assert.Equal(library, package.Text("id"));
            Assert.Equal(packages.Version, package.Text("version"));
            Assert.Equal("SocketIo contributors", package.Text("authors"));
            Assert.Equal("expression", (string?)package.Element("license")?.Attribute("type"));
            Assert.Equal("MIT", package.Text("license"));
            Assert.Equal("README.md", package.Text("readme"));
            Assert.Equal(readme, package.Read("README.md"));
            Assert.False(string.IsNullOrWhiteSpace(package.Text("tags")), $"{library} has no tags.");
            Assert.DoesNotContain(package.Text("description") ?? "", (string[])["", "Package Description"]);

            var repository = package.Element("repository");
            Assert.Equal("git", (string?)repository?.Attribute("type"));
            Assert.Equal(PackedLibraries.RepositoryUrl, (string?)repository?.Attribute("url"));
            Assert.Equal(packages.Commit, (string?)repository?.Attribute("commit"));

            // Exactly this version of each library it references, and no other of ours.
            Assert.Equal(
                references.Order().Select(r => $"{r} [{packages.Version}]"),
                package.Dependencies.Where(d => packages.Libraries.ContainsKey(d.Key)).Select(d => $"{d.Key} {d.Value}").Order());

            var lib = $"lib/net10.0/{library}";
            Assert.Contains($"{lib}.dll", package.Files);
            Assert.DoesNotContain($"{lib}.pdb", package.Files);
            var documentation = XDocument.Load(new MemoryStream(package.Read($"{lib}.xml")));
            Assert.Equal(library, documentation.Root?.Element("assembly")?.Element("name")?.Value);
            Assert.NotEmpty(documentation.Descendants("member"));

            using var symbols = new PackageContents(packages.PackagePath(library, "snupkg"), library);
            Assert.Equal(packages.Version, symbols.Text("version"));
            AssertSymbols(library, package.Read($"{lib}.dll"), symbols.Read($"{lib}.pdb"));
        }
    }

    [Fact]
    public async Task A_fresh_web_app_that_references_the_packages_by_version_answers_the_real_client()
    {
        var app = Path.Combine(Path.GetTempPath(), $"socketio-package-app-{Guid.NewGuid():N}");
        try
        {
            // The app's own package folder: whatever it restores comes from the sources, never from a cache.
            var restored = Path.Combine(app, "nuget-packages");
            WriteApp(app);
            output.WriteLine(await DotnetCli.RunAsync(
                app,
                ["build", "-c", "Release", "-warnaserror", "-p:UseSharedCompilation=false"],
                new Dictionary<string, string> { ["NUGET_PACKAGES"] = restored },
                AppBuildTimeout));

            // The app names only SocketIo.Server; the others came with it, from the packages' folder.
            var bin = Path.Combine(app, "bin", "Release", "net10.0");
            foreach (var library in packages.WithDependencies("SocketIo.Server"))
            {
                var id = library.ToLowerInvariant();
                Assert.True(
                    File.Exists(Path.Combine(restored, id, packages.Version, $"{id}.{packages.Version}.nupkg")),
                    $"{library} {packages.Version} was not restored into {restored}.");
                Assert.StartsWith(packages.Version, FileVersionInfo.GetVersionInfo(Path.Combine(bin, $"{library}.dll")).ProductVersion, StringComparison.Ordinal);
            }

            await using var running = await PackagedApp.StartAsync(Path.Combine(bin, "PackageSmoke.dll"), output);
            var plan = JsonSerializer.Serialize(new object[]
            {
                new { op = "connect", client = "websocket" },
                new { op = "emitWithAck", client = "websocket", @event = "hello", args = new object[] { "websocket" } },
                new { op = "connect", client = "polling", transports = new[] { "polling" } },
                new { op = "emitWithAck", client = "polling", @event = "hello", args = new object[] { "polling" } },
            });
            var run = await NodeScript.RunAsync("socketio/driver.mjs", [running.BaseUrl.ToString(), plan], output);
            run.AssertRan();
            var result = new DriverResult(run);
            foreach (var client in (string[])["websocket", "polling"])
            {
                Assert.True(result.Connect(client).GetProperty("ok").GetBoolean(), $"{client} did not connect.{Environment.NewLine}{result}");
                Assert.Equal([$"[\"Hello, {client}!\"]"], result.Acks(client).Select(a => a.GetProperty("args").GetRawText()));
            }
        }
        finally
        {
            if (Directory.Exists(app))
            {
                Directory.Delete(app, recursive: true);
            }
        }
    }

    /// <summary>
    /// The app a user writes: its project references SocketIo.Server by version, its nuget.config adds the packages'
    /// folder to the machine's sources (the framework comes from those as usual), and its Program.cs is the quick
    /// start of the packages' README, word for word. It lives outside the repository, so none of its build files apply.
    /// </summary>
    private void WriteApp(string app)
    {
        Directory.CreateDirectory(app);
        new XElement("configuration",
            new XElement("packageSources",
                new XElement("add", new XAttribute("key", "socketio-packages"), new XAttribute("value", packages.PackagesDirectory))))
            .Save(Path.Combine(app, "nuget.config"));

        new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk.Web"),
            new XElement("PropertyGroup",
                new XElement("TargetFramework", "net10.0"),
                new XElement("Nullable", "enable"),
                new XElement("ImplicitUsings", "enable"),
                new XElement("TreatWarningsAsErrors", "true")),
            new XElement("ItemGroup",
                new XElement("PackageReference", new XAttribute("Include", "SocketIo.Server"), new XAttribute("Version", packages.Version))))
            .Save(Path.Combine(app, "PackageSmoke.csproj"));

        File.WriteAllText(Path.Combine(app, "Program.cs"), QuickStart());
    }

    /// <summary>The first C# block of the packages' README.</summary>
    private static string QuickStart()
    {
        const string Fence = "```csharp\n";
        var readme = File.ReadAllText(PackageReadmePath);
        var start = readme.IndexOf(Fence, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{PackageReadmePath} has no ```csharp block.");
        start += Fence.Length;
        return readme[start..readme.IndexOf("\n```", start, StringComparison.Ordinal)];
    }

    /// <summary>
    /// The DLL comes from a deterministic build; the PDB is the DLL's own, names every source file by its path in the
    /// repository (<c>/_/</c>, nothing of this machine), links them to the commit through SourceLink, and embeds the
    /// files git does not track (generated under obj/) and only those.
    /// </summary>
    private void AssertSymbols(string library, byte[] dll, byte[] pdb)
    {
        using var pe = new PEReader(new MemoryStream(dll));
        var debugDirectory = pe.ReadDebugDirectory();
        Assert.Contains(debugDirectory, e => e.Type == DebugDirectoryEntryType.Reproducible);
        var codeView = pe.ReadCodeViewDebugDirectoryData(debugDirectory.Single(e => e.Type == DebugDirectoryEntryType.CodeView));
        Assert.StartsWith("/_/", codeView.Path, StringComparison.Ordinal);

        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
        var reader = provider.GetMetadataReader();
        Assert.Equal(codeView.Guid, new Guid(reader.DebugMetadataHeader!.Id.AsSpan()[..16]));

        var documents = reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToList();
        Assert.All(documents, d => Assert.StartsWith("/_/", d, StringComparison.Ordinal));
        Assert.Contains(documents, d => d.StartsWith($"/_/src/{library}/", StringComparison.Ordinal));

        var records = reader.CustomDebugInformation.Select(reader.GetCustomDebugInformation).ToList();
        var sourceLink = records.Single(r => reader.GetGuid(r.Kind) == SourceLinkRecord);
        using var json = JsonDocument.Parse(reader.GetBlobBytes(sourceLink.Value));
        var rawFiles = PackedLibraries.RepositoryUrl.Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal);
        Assert.Equal($"{rawFiles}/{packages.Commit}/*", json.RootElement.GetProperty("documents").GetProperty("/_/*").GetString());

        var embedded = records
            .Where(r => reader.GetGuid(r.Kind) == EmbeddedSourceRecord && r.Parent.Kind == HandleKind.Document)
            .Select(r => reader.GetString(reader.GetDocument((DocumentHandle)r.Parent).Name))
            .ToList();
        Assert.Contains(embedded, d => d.EndsWith($"/{library}.AssemblyInfo.cs", StringComparison.Ordinal));
        Assert.All(embedded, d => Assert.StartsWith("/_/artifacts/", d, StringComparison.Ordinal));
    }
}
