using System.Globalization;

namespace SocketIo.AdminUI.Internal;

/// <summary>Times as JavaScript writes them: a <c>Date</c> in JSON is <c>toISOString()</c>, to the millisecond in UTC.</summary>
internal static class JavaScriptTime
{
    public static string IsoString(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
