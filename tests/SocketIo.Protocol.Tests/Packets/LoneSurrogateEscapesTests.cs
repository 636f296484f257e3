using System.Text;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Packets;

public sealed class LoneSurrogateEscapesTests
{
    [Theory]
    [InlineData(@"abc", false, @"abc")]
    [InlineData(@"\ud83d\ude00", false, @"\ud83d\ude00")]
    [InlineData(@"\ud800", true, @"\ufffd")]
    [InlineData(@"\udc00x", true, @"\ufffdx")]
    [InlineData(@"\ud800\ud800\udc00", true, @"\ufffd\ud800\udc00")]
    [InlineData(@"\\ud800", false, @"\\ud800")]
    [InlineData(@"a\n\ud83dz\u0041", true, @"a\n\ufffdz\u0041")]
    public void FindsAndReplacesOnlyUnpairedEscapes(string raw, bool contains, string replaced)
    {
        var bytes = Encoding.UTF8.GetBytes(raw);
        Assert.Equal(contains, LoneSurrogateEscapes.Contains(bytes));
        Assert.Equal(replaced, Encoding.UTF8.GetString(LoneSurrogateEscapes.Replace(bytes)));
    }
}
