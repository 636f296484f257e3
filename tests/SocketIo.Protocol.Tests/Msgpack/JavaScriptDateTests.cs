using SocketIo.Protocol.Msgpack;

namespace SocketIo.Protocol.Tests.Msgpack;

/// <summary>Time values printed as JavaScript's Date.prototype.toISOString prints them.</summary>
public sealed class JavaScriptDateTests
{
    [Theory]
    [InlineData(0.0, "1970-01-01T00:00:00.000Z")]
    [InlineData(960854400005.0, "2000-06-13T00:00:00.005Z")]
    [InlineData(-1.0, "1969-12-31T23:59:59.999Z")]
    [InlineData(-1500.0, "1969-12-31T23:59:58.500Z")]
    [InlineData(1.9, "1970-01-01T00:00:00.001Z")]
    [InlineData(-1.9, "1969-12-31T23:59:59.999Z")]
    [InlineData(951782400000.0, "2000-02-29T00:00:00.000Z")]
    [InlineData(253402300799999.0, "9999-12-31T23:59:59.999Z")]
    [InlineData(253402300800000.0, "+010000-01-01T00:00:00.000Z")]
    [InlineData(-62167219200000.0, "0000-01-01T00:00:00.000Z")]
    [InlineData(-62198755200000.0, "-000001-01-01T00:00:00.000Z")]
    [InlineData(8.64e15, "+275760-09-13T00:00:00.000Z")]
    [InlineData(-8.64e15, "-271821-04-20T00:00:00.000Z")]
    public void ToIsoString_MatchesJavaScript(double milliseconds, string expected) =>
        Assert.Equal(expected, JavaScriptDate.ToIsoString(milliseconds));

    [Theory]
    [InlineData(8.64e15 + 1)]
    [InlineData(-8.64e15 - 1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void InvalidDates_HaveNone(double milliseconds) => Assert.Null(JavaScriptDate.ToIsoString(milliseconds));
}
