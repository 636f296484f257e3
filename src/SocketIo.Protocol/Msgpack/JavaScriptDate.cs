using System.Globalization;

namespace SocketIo.Protocol.Msgpack;

/// <summary>
/// JavaScript's <c>Date</c> as JSON sees it: a time value in milliseconds since the Unix epoch, truncated to an integer
/// and valid within ±8.64e15 ms; <c>toISOString()</c> text (<c>2000-06-13T00:00:00.005Z</c>, years outside 0–9999 as
/// <c>+275760-09-13T00:00:00.000Z</c>); an invalid date is JSON <c>null</c>.
/// </summary>
internal static class JavaScriptDate
{
    /// <summary>The largest time value a Date holds, in milliseconds either side of the epoch.</summary>
    private const double MaxTimeValue = 8.64e15;

    private const long MillisecondsPerDay = 86_400_000;

    /// <summary>
    /// Returns the <c>toISOString()</c> text of <c>new Date(milliseconds)</c>, or <see langword="null"/> when that date
    /// is invalid (not finite, or out of range).
    /// </summary>
    public static string? ToIsoString(double milliseconds)
    {
        // TimeClip: out of range is invalid, otherwise truncated towards zero.
        if (!double.IsFinite(milliseconds) || Math.Abs(milliseconds) > MaxTimeValue)
        {
            return null;
        }

        var time = (long)Math.Truncate(milliseconds);
        var days = Math.DivRem(time, MillisecondsPerDay, out var msOfDay);
        if (msOfDay < 0)
        {
            msOfDay += MillisecondsPerDay;
            days--;
        }

        var (year, month, day) = CivilFromDays(days);
        var yearText = year is >= 0 and <= 9999
            ? year.ToString("D4", CultureInfo.InvariantCulture)
            : (year < 0 ? "-" : "+") + Math.Abs(year).ToString("D6", CultureInfo.InvariantCulture);
        var clock = TimeSpan.FromMilliseconds(msOfDay);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{yearText}-{month:D2}-{day:D2}T{clock.Hours:D2}:{clock.Minutes:D2}:{clock.Seconds:D2}.{clock.Milliseconds:D3}Z");
    }

    /// <summary>The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's days-to-civil algorithm).</summary>
    private static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719_468;
        var era = (days >= 0 ? days : days - 146_096) / 146_097;
        var dayOfEra = days - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var shiftedMonth = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * shiftedMonth) + 2) / 5) + 1);
        var month = (int)(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        var year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
        return (year, month, day);
    }
}
