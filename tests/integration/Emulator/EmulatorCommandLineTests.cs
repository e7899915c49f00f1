using System.Diagnostics;
using System.Text.RegularExpressions;
using ModelArts.IntegrationTests.Support;

namespace ModelArts.IntegrationTests.Emulator;

/// <summary>The emulator's command line: a bad argument is one line and exit code 2, never a stack trace; --help documents every fault.</summary>
public sealed partial class EmulatorCommandLineTests
{
    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepoPaths.EmulatorDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(30_000))
        {
            p.Kill();
            throw new TimeoutException($"the emulator kept running with {string.Join(' ', args)}");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Theory]
    [InlineData("--latency-ms abc", "--latency-ms")]
    [InlineData("--generate -5", "--generate")]
    [InlineData("--fail-mode weird", "--fail-mode")]
    [InlineData("--fail-status 418", "--fail-status")]
    [InlineData("--plugni", "--plugni")]
    [InlineData("--port", "--port needs a value")]
    [InlineData("--catalog /nonexistent/images.json", "/nonexistent/images.json")]
    [InlineData("--catalog emulator/catalog/images.json --generate 10", "--catalog and --generate both choose the catalog")]
    public void BadArgument_OneLine_ExitCode2_NoStackTrace(string args, string named)
    {
        var (exit, stdout, stderr) = Run(args.Split(' '));
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, stderr);
        Assert.Contains(named, lines[0]);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void TakenPort_OneLine_ExitCode2_NamesThePortAndTheFix()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, stdout, stderr) = Run("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"modelarts-emulator: port {port} on 127.0.0.1 is taken by another process; choose another with --port, or --port 0 for a free one", stderr.Trim());
    }

    [GeneratedRegex("JsonPropertyName\\(\"(\\w+)\"\\)")]
    private static partial Regex FaultKey();

    [Fact]
    public void Help_ExitsZero_AndDocumentsEveryFaultKeyOfTheFaultsBody()
    {
        var (exit, stdout, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("POST /_emulator/faults", stdout);
        // Every key FaultSettings reads from the POST body, straight from its source: a new fault must be documented.
        var keys = FaultKey().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, "emulator", "FaultSettings.cs"))).Select(m => m.Groups[1].Value).ToList();
        Assert.True(keys.Count >= 10, string.Join(", ", keys));
        Assert.All(keys, k => Assert.Contains(k, stdout));
        Assert.All(new[] { "status", "malformed", "html", "drop", "drop-mid-body", "hang" }, m => Assert.Contains(m, stdout));
    }
}
