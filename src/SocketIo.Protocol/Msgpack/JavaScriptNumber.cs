using System.Globalization;
using System.Text;

namespace SocketIo.Protocol.Msgpack;

/// <summary>
/// Writes a double the way JavaScript's <c>Number.prototype.toString()</c> (and so <c>JSON.stringify</c>) does: the
/// shortest digits that read back to the same double, plain notation from 1e-6 up to below 1e21, otherwise
/// <c>1.5e+21</c> / <c>1e-7</c>; <c>-0</c> is <c>0</c>. .NET finds the same shortest digits but lays them out
/// differently (<c>1E+21</c>, <c>5E-07</c>).
/// </summary>
internal static class JavaScriptNumber
{
    /// <summary>Formats a finite double.</summary>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite numbers have a JSON form.");
        }

        if (value == 0)
        {
            return "0";
        }

        // "R" is the shortest round-trip form: "123.45", "1E+21", "1.2345E-07". Split it into its significant digits
        // and the position n of the decimal point relative to them (value = 0.d1d2…dk × 10^n).
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = pointAt < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, pointAt), mantissa.AsSpan(pointAt + 1));
        var n = (pointAt < 0 ? mantissa.Length : pointAt) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        n -= leadingZeros;
        var k = digits.Length;

        var result = new StringBuilder(32);
        if (value < 0)
        {
            result.Append('-');
        }

        if (k <= n && n <= 21)
        {
            result.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            result.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            result.Append(digits[0]);
            if (k > 1)
            {
                result.Append('.').Append(digits, 1, k - 1);
            }

            var e = n - 1;
            result.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }
}
