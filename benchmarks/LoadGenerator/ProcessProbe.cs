using System.Globalization;

namespace LoadGenerator;

/// <summary>
/// Reads a process's CPU time from <c>/proc/&lt;pid&gt;/stat</c> (utime + stime, in clock ticks) and its resident
/// set from <c>/proc/&lt;pid&gt;/status</c> (VmRSS). Used for the server under test and for ourselves; a cluster's
/// servers are probed together (their CPU and resident sets added up).
/// </summary>
internal sealed class ProcessProbe(params int[] pids)
{
    /// <summary>Clock ticks per second on Linux (<c>getconf CLK_TCK</c>); 100 on every mainstream kernel.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU seconds consumed so far, by all the processes.</summary>
    public double CpuSeconds() => pids.Sum(CpuSeconds);

    /// <summary>The resident sets in KiB, added up.</summary>
    public long RssKiB() => pids.Sum(RssKiB);

    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name may contain spaces and parentheses: fields are counted after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    private static long RssKiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}
