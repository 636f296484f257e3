using System.Text.Json;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Tests.Generators;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>
/// Compares a decoded payload with the generated value, reading it as the server would: strings through the
/// protocol's readers (lone surrogates kept) and its serializer options, placeholders resolved to their attachments.
/// </summary>
internal static class JsonModelAssert
{
    public static void Matches(JsonModel expected, JsonElement actual, IReadOnlyList<byte[]> attachments)
    {
        switch (expected)
        {
            case JsonModel.Null:
                Assert.Equal(JsonValueKind.Null, actual.ValueKind);
                break;
            case JsonModel.Bool flag:
                Assert.Equal(flag.Value ? JsonValueKind.True : JsonValueKind.False, actual.ValueKind);
                break;
            case JsonModel.Number number:
                Assert.Equal(JsonValueKind.Number, actual.ValueKind);
                Assert.Equal(number.Literal, actual.GetRawText());
                break;
            case JsonModel.Text text:
                Assert.Equal(JsonValueKind.String, actual.ValueKind);
                Assert.Equal(text.Value, JsonStrings.GetString(actual));
                Assert.Equal(text.Value, actual.Deserialize<string>(SocketIoJson.SerializerOptions));
                break;
            case JsonModel.Attachment attachment:
                Assert.True(AttachmentPlaceholder.TryGetIndex(actual, out var num), $"not a placeholder: {actual.GetRawText()}");
                Assert.InRange(num, 0, attachments.Count - 1);
                Assert.Equal(attachment.Bytes, attachments[num]);
                break;
            case JsonModel.ArrayValue array:
                Assert.Equal(JsonValueKind.Array, actual.ValueKind);
                Assert.Equal(array.Items.Count, actual.GetArrayLength());
                var i = 0;
                foreach (var item in actual.EnumerateArray())
                {
                    Matches(array.Items[i++], item, attachments);
                }

                break;
            case JsonModel.ObjectValue obj:
                Assert.Equal(JsonValueKind.Object, actual.ValueKind);
                var properties = actual.EnumerateObject().ToArray();
                Assert.Equal(obj.Properties.Count, properties.Length);
                for (var p = 0; p < properties.Length; p++)
                {
                    Assert.Equal(obj.Properties[p].Key, JsonStrings.GetName(properties[p]));
                    Matches(obj.Properties[p].Value, properties[p].Value, attachments);
                }

                break;
            default:
                Assert.Fail($"unknown model {expected.GetType()}");
                break;
        }
    }
}
