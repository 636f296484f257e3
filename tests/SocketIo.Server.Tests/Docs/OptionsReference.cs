using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SocketIo.Server.Tests.Docs;

/// <summary>
/// Writes docs/options.md from the public options classes of the SocketIo assemblies (every public class whose name ends
/// in <c>Options</c>) and their XML documentation: one table per class, one row per public settable property, with its
/// type and its summary, which states its default.
/// </summary>
public static partial class OptionsReference
{
    /// <summary>The assemblies whose options the reference covers, in the order the document lists them.</summary>
    public static readonly Assembly[] Assemblies =
    [
        typeof(SocketIoOptions).Assembly,
        typeof(global::SocketIo.Engine.EngineIoOptions).Assembly,
        typeof(global::SocketIo.Adapters.Cluster.ClusterAdapterOptions).Assembly,
        typeof(global::SocketIo.Redis.RedisAdapterOptions).Assembly,
        typeof(global::SocketIo.AdminUI.AdminUIOptions).Assembly,
        typeof(global::SocketIo.Protocol.Packets.SocketIoDecoderOptions).Assembly,
    ];

    /// <summary>
    /// The options classes, in document order. Records are left out: <c>BroadcastOptions</c> is a broadcast's target
    /// handed to the adapters, a value the server makes, not configuration.
    /// </summary>
    public static IEnumerable<Type> OptionsTypes() => Assemblies.SelectMany(a => a.GetExportedTypes()
        .Where(t => t.IsClass && t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetMethod("<Clone>$") is null)
        .OrderBy(t => t.Name, StringComparer.Ordinal));

    /// <summary>The options a class declares itself: public, readable and settable.</summary>
    public static IEnumerable<PropertyInfo> Options(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(p => p.CanRead && p.SetMethod is { IsPublic: true })
        .OrderBy(p => p.MetadataToken);

    /// <summary>The summary of a member in its assembly's XML documentation, as Markdown on one line; null when it has none.</summary>
    public static string? Summary(MemberInfo member)
    {
        var assembly = member is Type t ? t.Assembly : member.DeclaringType!.Assembly;
        var id = member is Type type ? "T:" + type.FullName : $"P:{member.DeclaringType!.FullName}.{member.Name}";
        var summary = Documentation(assembly).Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == id)?.Element("summary");
        return summary is null ? null : Whitespace().Replace(Markdown(summary), " ").Trim();
    }

    /// <summary>The whole document.</summary>
    public static string Generate()
    {
        var text = new StringBuilder();
        text.Append("""
            # Options reference

            Every option of the SocketIo packages, from the XML documentation of the public options classes: each row is the
            option's own documentation, its default included. Generated, do not edit: `OptionsReferenceTests` fails when this
            file and the code disagree, and rewrites it when run with `UPDATE_OPTIONS_REFERENCE=1`
            (`UPDATE_OPTIONS_REFERENCE=1 dotnet test tests/SocketIo.Server.Tests --filter OptionsReference`). Where to set
            them: [operations.md](operations.md#options).

            """);
        foreach (var type in OptionsTypes())
        {
            text.Append('\n').Append("## ").Append(type.Name).Append("\n\n");
            text.Append('`').Append(type.FullName).Append("` (package ").Append(type.Assembly.GetName().Name).Append(')');
            if (type.BaseType is { } baseType && baseType != typeof(object))
            {
                text.Append(", with every option of [").Append(baseType.Name).Append("](#").Append(baseType.Name.ToLowerInvariant()).Append(')');
            }

            text.Append(". ").Append(Summary(type) ?? "(undocumented)").Append("\n\n");
            text.Append("| option | type | what, and the default |\n|---|---|---|\n");
            foreach (var property in Options(type))
            {
                text.Append("| `").Append(property.Name).Append("` | `").Append(TypeName(property.PropertyType)).Append("` | ")
                    .Append((Summary(property) ?? "(undocumented)").Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
            }
        }

        return text.ToString();
    }

    private static readonly Dictionary<Assembly, XDocument> s_documents = [];

    private static XDocument Documentation(Assembly assembly)
    {
        lock (s_documents)
        {
            if (!s_documents.TryGetValue(assembly, out var document))
            {
                var path = Path.ChangeExtension(assembly.Location, ".xml");
                Assert.True(File.Exists(path), $"no XML documentation beside {assembly.Location}");
                document = XDocument.Load(path, LoadOptions.PreserveWhitespace);
                s_documents[assembly] = document;
            }

            return document;
        }
    }

    private static string Markdown(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } see when see.Attribute("langword") is { } word => $"`{word.Value}`",
                XElement { Name.LocalName: "see" or "seealso" } see when see.Attribute("cref") is { } cref => $"`{CrefName(cref.Value)}`",
                XElement { Name.LocalName: "see" or "seealso" } see when see.Attribute("href") is { } href => see.Value.Length > 0 ? see.Value : href.Value,
                XElement { Name.LocalName: "paramref" or "typeparamref" } p => $"`{p.Attribute("name")?.Value}`",
                XElement { Name.LocalName: "c" } c => $"`{c.Value}`",
                XElement { Name.LocalName: "para" } p => " " + Markdown(p) + " ",
                XElement e => Markdown(e),
                _ => string.Empty,
            });
        }

        return text.ToString();
    }

    /// <summary>A cref as a reader knows it: <c>T:A.B.Type</c> → <c>Type</c>, <c>P:A.B.Type.Member</c> → <c>Type.Member</c>.</summary>
    private static string CrefName(string cref)
    {
        var name = cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            name = name[..paren];
        }

        var parts = name.Split('.');
        return cref.StartsWith("T:", StringComparison.Ordinal) || parts.Length < 2 ? parts[^1].Replace('`', '\'') : $"{parts[^2]}.{parts[^1]}";
    }

    private static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return TypeName(inner) + "?";
        }

        if (!type.IsGenericType)
        {
            return type.Name switch
            {
                "String" => "string",
                "Int32" => "int",
                "Int64" => "long",
                "Boolean" => "bool",
                "Double" => "double",
                _ => type.Name,
            };
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
