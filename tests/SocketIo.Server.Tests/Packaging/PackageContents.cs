using System.IO.Compression;
using System.Xml.Linq;

namespace SocketIo.Server.Tests.Packaging;

/// <summary>A <c>.nupkg</c> or <c>.snupkg</c> opened as the zip it is: its file names, its files and its .nuspec.</summary>
public sealed class PackageContents : IDisposable
{
    private readonly ZipArchive _zip;

    /// <summary>Opens the package at <paramref name="path"/>; its .nuspec is the one named after <paramref name="id"/>.</summary>
    public PackageContents(string path, string id)
    {
        Assert.True(File.Exists(path), $"{path} is missing.");
        _zip = ZipFile.OpenRead(path);
        using var nuspec = Open($"{id}.nuspec");
        Metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    /// <summary>Gets the .nuspec's <c>metadata</c> element.</summary>
    public XElement Metadata { get; }

    /// <summary>Gets the package's file names, with forward slashes.</summary>
    public IReadOnlyList<string> Files => [.. _zip.Entries.Select(e => e.FullName)];

    /// <summary>Gets the text of a <c>metadata</c> child, or <see langword="null"/> if it is absent.</summary>
    public string? Text(string element) => Element(element)?.Value;

    /// <summary>Gets a <c>metadata</c> child, or <see langword="null"/> if it is absent.</summary>
    public XElement? Element(string element) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == element);

    /// <summary>Gets each dependency of the package, for any framework, as id and version range.</summary>
    public IReadOnlyDictionary<string, string> Dependencies =>
        Metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!, StringComparer.Ordinal);

    /// <summary>Reads a file of the package whole.</summary>
    public byte[] Read(string name)
    {
        using var stream = Open(name);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _zip.Dispose();

    private Stream Open(string name) =>
        (_zip.GetEntry(name) ?? throw new InvalidOperationException($"The package has no {name}; it has {string.Join(", ", Files)}.")).Open();
}
