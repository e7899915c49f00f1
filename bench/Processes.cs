using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ModelArts.Bench;

/// <summary>Starts a process, waits for its first stdout line, and can report its peak RSS.</summary>
internal sealed partial class Child : IDisposable
{
    public required Process Process { get; init; }
    public required string FirstLine { get; init; }
    public required TimeSpan TimeToFirstLine { get; init; }

    /// <summary>When the process was started (<see cref="Stopwatch.GetTimestamp"/>), to time later steps from exec.</summary>
    public required long StartedAt { get; init; }

    public static Child Start(string file, IEnumerable<string> args, string cwd)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = cwd };
        foreach (var a in args) info.ArgumentList.Add(a);
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info)!;
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"{file} printed nothing");
        var elapsed = Stopwatch.GetElapsedTime(startedAt);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new Child { Process = process, FirstLine = line.Trim(), TimeToFirstLine = elapsed, StartedAt = startedAt };
    }

    /// <summary>VmHWM: the peak resident set size of the process so far, in MB.</summary>
    public double PeakRssMb()
    {
        var line = File.ReadLines($"/proc/{Process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    /// <summary>The resident set now, split as the kernel counts it (/proc/PID/status RssAnon, RssFile), in MB.</summary>
    public (double Anonymous, double FileBacked) RssNowMb()
    {
        double Field(string name) => double.Parse(File.ReadLines($"/proc/{Process.Id}/status").First(l => l.StartsWith(name, StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        return (Field("RssAnon:"), Field("RssFile:"));
    }

    /// <summary>User plus system CPU time the process has used so far, in ms (/proc/PID/stat utime + stime, in clock ticks of 10 ms).</summary>
    public double CpuMs()
    {
        var stat = File.ReadAllText($"/proc/{Process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) * 10.0; // fields 14 and 15 of proc(5), after pid and comm
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            _ = Kill(Process.Id, 2);
            if (!Process.WaitForExit(5000)) Process.Kill(true);
        }

        Process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}

internal static class Stats
{
    public static double Median(IReadOnlyList<double> xs) => Percentile(xs, 50);

    public static double Percentile(IReadOnlyList<double> xs, double p)
    {
        var sorted = xs.Order().ToArray();
        var rank = p / 100.0 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
