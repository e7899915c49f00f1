using Google.Protobuf.WellKnownTypes;

namespace ModelArts.Demo;

/// <summary>Real-cloud mode: region, project and credentials in HW_* variables (the provider reads them itself).</summary>
internal sealed record CloudCredentials(string Region)
{
    public static CloudCredentials? FromEnvironment()
    {
        string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        var hasCredentials = (Env("HW_ACCESS_KEY") is not null && Env("HW_SECRET_KEY") is not null) || Env("HW_AUTH_TOKEN") is not null;
        return hasCredentials && Env("HW_REGION_NAME") is { } region && Env("HW_PROJECT_ID") is not null ? new CloudCredentials(region) : null;
    }

    /// <summary>Nothing but the region: secrets stay in the environment, where the provider finds them.</summary>
    public IEnumerable<(string, Value)> ToConfig() => [("region", Value.ForString(Region))];
}
