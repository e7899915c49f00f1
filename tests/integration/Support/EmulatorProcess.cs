using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace ModelArts.IntegrationTests.Support;

/// <summary>The emulator as a real process on loopback; faults and stats through its control endpoints.</summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    public const string AccessKey = TestFixtures.TestCredentials.AccessKey;
    public const string SecretKey = TestFixtures.TestCredentials.SecretKey;
    public const string AuthToken = TestFixtures.TestCredentials.AuthToken;
    public const string SecurityToken = TestFixtures.TestCredentials.SecurityToken;
    public const string ProjectId = TestFixtures.TestCredentials.ProjectId;

    private readonly Process _process;
    private readonly HttpClient _control = new();

    private EmulatorProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<EmulatorProcess> StartAsync(params string[] extraArgs)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { RepoPaths.EmulatorDll, "--access-key", AccessKey, "--secret-key", SecretKey, "--auth-token", AuthToken, "--project-id", ProjectId }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the emulator");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null || !line.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
        {
            process.Kill(true);
            throw new InvalidOperationException($"emulator printed '{line}' instead of its base URL");
        }

        return new EmulatorProcess(process, new Uri(line));
    }

    /// <summary>The provider's real API client pointed at this emulator, with short backoffs so tests stay quick.</summary>
    internal ModelArts.Provider.ModelArtsApi.ModelArtsClient CreateClient(
        ModelArts.Provider.ModelArtsApi.ModelArtsCredentials? credentials = null, int maxRetries = 5, double timeoutSeconds = 10, bool sequential = false) =>
        new(new ModelArts.Provider.ModelArtsApi.ModelArtsClientOptions
        {
            Endpoint = BaseUri,
            ProjectId = ProjectId,
            Credentials = credentials ?? new ModelArts.Provider.ModelArtsApi.AkSkCredentials(AccessKey, SecretKey, null),
            MaxRetries = maxRetries,
            SequentialPaging = sequential,
            RequestTimeout = TimeSpan.FromSeconds(timeoutSeconds),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            ThrottleMinDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromSeconds(2),
        });

    public async Task SetFaultsAsync(object faults) =>
        (await _control.PostAsJsonAsync(new Uri(BaseUri, "/_emulator/faults"), faults)).EnsureSuccessStatusCode();

    public async Task ResetAsync() => (await _control.PostAsync(new Uri(BaseUri, "/_emulator/reset"), null)).EnsureSuccessStatusCode();

    public async Task GenerateAsync(int images) =>
        (await _control.PostAsync(new Uri(BaseUri, $"/_emulator/catalog?generate={images}"), null)).EnsureSuccessStatusCode();

    public async Task<int> ListRequestsAsync()
    {
        using var doc = JsonDocument.Parse(await _control.GetStringAsync(new Uri(BaseUri, "/_emulator/stats")));
        return doc.RootElement.GetProperty("listRequests").GetInt32();
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
