using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.Policy;

namespace ModelArts.Provider.Configuration;

/// <summary>Validated provider configuration. Its <c>ToString</c> shows no secret (credentials redact themselves).</summary>
internal sealed record ProviderConfig(
    Uri Endpoint,
    string? Region,
    string ProjectId,
    ModelArtsCredentials Credentials,
    int MaxRetries,
    TimeSpan RequestTimeout,
    TimeSpan LookupTimeout,
    bool Insecure,
    ImagePolicy ImagePolicy)
{
    public ModelArtsClientOptions ToClientOptions() => new()
    {
        Endpoint = Endpoint,
        ProjectId = ProjectId,
        Credentials = Credentials,
        MaxRetries = MaxRetries,
        RequestTimeout = RequestTimeout,
        LookupTimeout = LookupTimeout,
        Insecure = Insecure,
        Names = ConfigKeys.ClientSettingNames,
    };
}
