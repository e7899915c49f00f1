using System.Diagnostics;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using ModelArts.Provider.Protocol.Rpc;

namespace ModelArts.Bench;

/// <summary>One build of a plugin: how it is started, where its files are, and its publish log (for warnings).</summary>
internal sealed record PluginBuild(string Label, string File, IReadOnlyList<string> Args, IReadOnlyList<string> Files, string? PublishLog);

/// <summary>
/// Our plugin beside bench/reference (one invoke on Pulumi's own .NET provider SDK), JIT and native AOT, in one run:
/// exec -> port line, exec -> Configure answered, resident memory once configured, size on disk, trim/AOT warnings.
/// Launches alternate between the builds so that a busy machine slows them alike.
/// </summary>
internal static partial class ReferenceComparison
{
    private sealed record Launch(double PortMs, double ConfiguredMs, double RssMb);

    public static void Run(IReadOnlyList<(PluginBuild Ours, PluginBuild Reference)> pairs, Struct configArgs, string cwd, int runs, Action<string, string, string, bool?> row)
    {
        var builds = pairs.SelectMany(p => new[] { p.Ours, p.Reference }).ToList();
        var launches = builds.ToDictionary(b => b, _ => new List<Launch>());
        for (var i = 0; i < runs + 2; i++)
        {
            foreach (var build in builds)
            {
                var launch = LaunchOnce(build, configArgs, cwd);
                if (i >= 2) launches[build].Add(launch); // the first two warm the page cache
            }
        }

        double Port(PluginBuild b) => Stats.Median(launches[b].Select(l => l.PortMs).ToList());
        double Configured(PluginBuild b) => Stats.Median(launches[b].Select(l => l.ConfiguredMs).ToList());
        double Rss(PluginBuild b) => Stats.Median(launches[b].Select(l => l.RssMb).ToList());
        double Size(PluginBuild b) => b.Files.Sum(f => new FileInfo(f).Length) / 1e6;
        foreach (var (ours, reference) in pairs)
        {
            // "Ours leads" when the figure is lower; every row states both sides so the table reads without the ratio.
            void Compare(string what, Func<PluginBuild, double> figure, string unit, string format) =>
                row($"{what}: ours {ours.Label} / reference {reference.Label}",
                    $"{figure(ours).ToString(format)} / {figure(reference).ToString(format)} {unit}", "ours lower", figure(ours) <= figure(reference));
            Compare($"exec -> port line (median of {runs})", Port, "ms", "0.0");
            Compare($"exec -> Configure answered (median of {runs})", Configured, "ms", "0.0");
            Compare($"resident memory once configured, VmHWM (median of {runs})", Rss, "MB", "0.0");
            Compare($"size on disk ({ours.Files.Count} / {reference.Files.Count} files)", Size, "MB", "0.0");
            if (ours.PublishLog is { } mine && reference.PublishLog is { } theirs)
            {
                row($"trim/AOT warnings in the publish: ours / reference", File.Exists(mine) && File.Exists(theirs) ? $"{Warnings(mine)} / {Warnings(theirs)}" : "no publish logs: run make bench-reference",
                    "ours 0", File.Exists(mine) ? Warnings(mine) == 0 : null);
            }
        }
    }

    private static Launch LaunchOnce(PluginBuild build, Struct configArgs, string cwd)
    {
        using var child = Child.Start(build.File, build.Args, cwd);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{child.FirstLine}");
        var response = new ResourceProvider.ResourceProviderClient(channel).Configure(new ConfigureRequest { AcceptSecrets = true, Args = configArgs });
        if (!response.AcceptSecrets) throw new InvalidOperationException($"{build.Label}: Configure did not accept secrets");
        var configured = Stopwatch.GetElapsedTime(child.StartedAt).TotalMilliseconds;
        return new Launch(child.TimeToFirstLine.TotalMilliseconds, configured, child.PeakRssMb());
    }

    /// <summary>Distinct IL2xxx/IL3xxx warnings of a publish log (MSBuild repeats each at the end).</summary>
    public static int Warnings(string log) => File.ReadLines(log).Where(l => TrimWarning().IsMatch(l)).Distinct().Count();

    [GeneratedRegex(@"warning IL[23]\d{3}")]
    private static partial Regex TrimWarning();
}
