using System.Globalization;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// Formats a number as JavaScript's <c>String(x)</c> does, which is also the name an event gets when a client sends a
/// number for it (<c>42[1.0]</c> and <c>42[1e0]</c> both name the event <c>1</c>; <c>42[1e21]</c> names it
/// <c>1e+21</c>): the shortest digits that read back as the same double, in plain notation from 1e-7 up to 1e21
/// and in exponent notation outside it.
/// </summary>
internal static class JavaScriptNumber
{
    public static string ToString(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0"; // -0 too
        }

        // "R" gives the shortest round-trip digits (e.g. "1.2345678901234568E+29", "123.4", "1E-07"). Rewrite them as
        // digits d1…dk and an exponent n with value = 0.d1…dk × 10^n, the terms JavaScript's formatting rules use.
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot >= 0 ? dot : text.Length;
        var digits = dot >= 0 ? text.Remove(dot, 1) : text;
        var trimmed = digits.TrimStart('0');
        var n = integerDigits - (digits.Length - trimmed.Length) + exponent;
        digits = trimmed.TrimEnd('0');
        var k = digits.Length;

        var sign = value < 0 ? "-" : string.Empty;
        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        var power = (n - 1).ToString("+0;-0", CultureInfo.InvariantCulture);
        return sign + (k == 1 ? digits : digits[..1] + "." + digits[1..]) + "e" + power;
    }
}
