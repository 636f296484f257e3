using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>The chat's rules for nicknames and room names, and reading them from a handshake's <c>auth</c>.</summary>
internal static partial class ChatNames
{
    /// <summary>The room everyone starts in.</summary>
    public const string Lobby = "lobby";

    /// <summary>What <see cref="IsValid"/> accepts, worded for people.</summary>
    public const string Rule = "1 to 20 letters, digits or _";

    /// <summary>Nicknames and room names: word characters only, so they are safe to show and to use as room keys.</summary>
    public static bool IsValid([NotNullWhen(true)] string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Reads a string property of the client's <c>auth</c> object, or <see langword="null"/>.</summary>
    public static string? ReadString(JsonElement auth, string property) =>
        auth.ValueKind == JsonValueKind.Object && auth.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    [GeneratedRegex(@"^\w{1,20}$")]
    private static partial Regex NamePattern();
}
