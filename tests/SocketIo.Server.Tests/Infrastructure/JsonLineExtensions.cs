using System.Text.Json;

namespace SocketIo.Server.Tests.Infrastructure;

/// <summary>Reads the fields the interop scripts print.</summary>
public static class JsonLineExtensions
{
    /// <summary>Gets the line's <c>event</c>, or <see langword="null"/> if it has none.</summary>
    public static string? Event(this JsonElement line) => line.StringProperty("event");

    /// <summary>Gets a string property, or <see langword="null"/> if it is absent or not a string.</summary>
    public static string? StringProperty(this JsonElement line, string name) =>
        line.ValueKind == JsonValueKind.Object && line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Gets a number property, or <see langword="null"/> if it is absent or not a number.</summary>
    public static long? NumberProperty(this JsonElement line, string name) =>
        line.ValueKind == JsonValueKind.Object && line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : null;

    /// <summary>Gets an object property, or <see langword="null"/> if it is absent or not an object.</summary>
    public static JsonElement? ObjectProperty(this JsonElement line, string name) =>
        line.ValueKind == JsonValueKind.Object && line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;
}
