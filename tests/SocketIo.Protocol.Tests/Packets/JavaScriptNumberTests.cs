using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>Doubles printed as JavaScript's Number.prototype.toString prints them (the interop tests ask Node too).</summary>
public sealed class JavaScriptNumberTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(100.0, "100")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(123.456, "123.456")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000001, "1e-7")]
    [InlineData(0.00000123, "0.00000123")]
    [InlineData(1.23e-18, "1.23e-18")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e21, "1.5e+21")]
    [InlineData(-2.5e-8, "-2.5e-8")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(9007199254740993.0, "9007199254740992")]
    public void Format_MatchesJavaScript(double value, string expected) => Assert.Equal(expected, JavaScriptNumber.ToString(value));

    [Fact]
    public void NegativeZero_IsZero() => Assert.Equal("0", JavaScriptNumber.ToString(-0.0));

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void NonFiniteNumbers_AreWrittenAsJavaScriptNamesThem(double value, string expected) =>
        Assert.Equal(expected, JavaScriptNumber.ToString(value));
}
