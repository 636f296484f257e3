using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>
/// The JSON metadata of everything the chat sends, written at compile time: the sample publishes with Native AOT,
/// where the serializer cannot discover types by reflection. Camel case, as the page reads them.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(PrivateMessage))]
[JsonSerializable(typeof(List<ChatUser>))]
[JsonSerializable(typeof(List<ModeratedUser>))]
[JsonSerializable(typeof(NicknameTaken))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;

/// <summary>A message to a room.</summary>
internal sealed record ChatMessage(string From, string Text, string Room);

/// <summary>A message to one person.</summary>
internal sealed record PrivateMessage(string From, string FromId, string Text);

/// <summary>Someone in the chat, as everyone's user list shows them.</summary>
internal sealed record ChatUser(string Id, string Nick, string Room);

/// <summary>Someone in the chat, as the moderators' list shows them.</summary>
internal sealed record ModeratedUser(string Id, string? Nick, string? Room, string? Address);

/// <summary>The data of the refusal of a nickname someone else has.</summary>
internal sealed record NicknameTaken(string Nick);
