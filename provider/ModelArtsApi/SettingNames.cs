namespace ModelArts.Provider.ModelArtsApi;

/// <summary>
/// How the user names the settings the client runs with, for messages that say what to change. This layer knows no
/// configuration system: whoever configures the client passes its own names in (the provider passes its config keys).
/// </summary>
internal sealed record SettingNames
{
    /// <summary>Plain words, for a client configured in code (tests, benchmarks).</summary>
    public static readonly SettingNames Plain = new();

    public string Endpoint { get; init; } = "the endpoint";
    public string Region { get; init; } = "the region";
    public string ProjectId { get; init; } = "the project id";
    public string Credentials { get; init; } = "the credentials";
    public string MaxRetries { get; init; } = "the retry count";
    public string RequestTimeout { get; init; } = "the request timeout";
    public string LookupTimeout { get; init; } = "the lookup timeout";
    public string Insecure { get; init; } = "the TLS verification switch";
}
