using System.Text.Json;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Tests.Generators;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>
/// Compares a decoded payload with the generated value, reading it as the server would: strings through the
/// protocol's readers (lone surrogates kept) and its serializer options, placeholders resolved to their attachments.
/// After a trip through MessagePack (<c>afterMessagePack</c>), numbers are compared by value (MessagePack keeps the
/// number, not its text) and lone surrogates are U+FFFD (MessagePack strings are UTF-8).
/// </summary>
internal static class JsonModelAssert
{
    public static void Matches(JsonModel expected, JsonElement actual, IReadOnlyList<byte[]> attachments, bool afterMessagePack = false)
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
                if (afterMessagePack)
                {
                    Assert.Equal(double.Parse(number.Literal, System.Globalization.CultureInfo.InvariantCulture), actual.GetDouble());
                }
                else
                {
                    Assert.Equal(number.Literal, actual.GetRawText());
                }

                break;
            case JsonModel.Text text:
                Assert.Equal(JsonValueKind.String, actual.ValueKind);
                var value = afterMessagePack ? WellFormed(text.Value) : text.Value;
                Assert.Equal(value, JsonStrings.GetString(actual));
                Assert.Equal(value, actual.Deserialize<string>(SocketIoJson.SerializerOptions));
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
                    Matches(array.Items[i++], item, attachments, afterMessagePack);
                }

                break;
            case JsonModel.ObjectValue obj:
                Assert.Equal(JsonValueKind.Object, actual.ValueKind);
                var properties = actual.EnumerateObject().ToArray();
                Assert.Equal(obj.Properties.Count, properties.Length);
                for (var p = 0; p < properties.Length; p++)
                {
                    Assert.Equal(afterMessagePack ? WellFormed(obj.Properties[p].Key) : obj.Properties[p].Key, JsonStrings.GetName(properties[p]));
                    Matches(obj.Properties[p].Value, properties[p].Value, attachments, afterMessagePack);
                }

                break;
            default:
                Assert.Fail($"unknown model {expected.GetType()}");
                break;
        }
    }

    /// <summary>The string as UTF-8 carries it: each lone surrogate becomes U+FFFD.</summary>
    internal static string WellFormed(string value) => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(value));
}
