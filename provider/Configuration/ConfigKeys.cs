using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.ModelArtsApi;

namespace ModelArts.Provider.Configuration;

/// <summary>Every provider config key, in the order the schema and docs list them.</summary>
internal static class ConfigKeys
{
    public const string ImagePolicyTypeToken = "modelarts:index:ImagePolicy";

    public static readonly ConfigKey Region = new("region", PropertyType.String,
        "Huawei Cloud region, e.g. cn-north-4 or ap-southeast-3. Required unless `endpoint` is set.",
        Environment: ["HW_REGION_NAME", "OS_REGION_NAME", "HUAWEICLOUD_SDK_REGION"]);
    public static readonly ConfigKey ProjectId = new("projectId", PropertyType.String,
        "Project ID of the region.", Environment: ["HW_PROJECT_ID", "OS_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID"]);
    public static readonly ConfigKey AccessKey = new("accessKey", PropertyType.String,
        "Access key (AK) for AK/SK request signing.", Secret: true, Environment: ["HW_ACCESS_KEY", "OS_ACCESS_KEY", "HUAWEICLOUD_SDK_AK"]);
    public static readonly ConfigKey SecretKey = new("secretKey", PropertyType.String,
        "Secret key (SK) for AK/SK request signing.", Secret: true, Environment: ["HW_SECRET_KEY", "OS_SECRET_KEY", "HUAWEICLOUD_SDK_SK"]);
    public static readonly ConfigKey SecurityToken = new("securityToken", PropertyType.String,
        "Security token of temporary AK/SK credentials.", Secret: true, Environment: ["HW_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN"]);
    public static readonly ConfigKey AuthToken = new("authToken", PropertyType.String,
        "IAM token (sent as X-Auth-Token) instead of AK/SK.", Secret: true, Environment: ["HW_AUTH_TOKEN"]);
    public static readonly ConfigKey Endpoint = new("endpoint", PropertyType.String,
        "Base URL override, e.g. an emulator `http://127.0.0.1:PORT`. Default `https://modelarts.{region}.myhuaweicloud.com` (`.eu` for eu-west-1*).",
        Environment: ["HW_MODELARTS_ENDPOINT"]);
    public static readonly ConfigKey MaxRetries = new("maxRetries", PropertyType.Integer,
        "Retries of a throttled (429), failed (5xx), timed-out or dropped request, with exponential backoff and jitter. 0 to 20. A refused connection is retried once at most, and a host name that does not resolve is not retried.",
        Environment: ["HW_MAX_RETRIES"], Default: ModelArtsClientOptions.DefaultMaxRetries);
    public static readonly ConfigKey RequestTimeoutSeconds = new("requestTimeoutSeconds", PropertyType.Integer,
        "Timeout of one HTTP request, in seconds (1 to 600).", Default: (int)ModelArtsClientOptions.DefaultRequestTimeout.TotalSeconds);
    public static readonly ConfigKey LookupTimeoutSeconds = new("lookupTimeoutSeconds", PropertyType.Integer,
        "Bound on one whole lookup's API work (every page, retry and wait), in seconds (1 to 3600). A Retry-After longer than this fails at once.",
        Default: (int)ModelArtsClientOptions.DefaultLookupTimeout.TotalSeconds);
    public static readonly ConfigKey Insecure = new("insecure", PropertyType.Boolean,
        "Skip TLS certificate verification (only for gateways with self-signed certificates).", Environment: ["HW_INSECURE"]);
    public static readonly ConfigKey ImagePolicy = new("imagePolicy", PropertyType.Ref(ImagePolicyTypeToken),
        "Allowed-images policy set by the platform team (a JSON object in stack config).");

    public static readonly IReadOnlyList<ConfigKey> All =
        [Region, ProjectId, AccessKey, SecretKey, SecurityToken, AuthToken, Endpoint, MaxRetries, RequestTimeoutSeconds, LookupTimeoutSeconds, Insecure, ImagePolicy];

    /// <summary>The keys the API client's messages name when they say what to change.</summary>
    public static readonly SettingNames ClientSettingNames = new()
    {
        Endpoint = Qualified(Endpoint),
        Region = Qualified(Region),
        ProjectId = Qualified(ProjectId),
        Credentials = $"{Qualified(AccessKey)}/{SecretKey.Name} (or {AuthToken.Name})",
        MaxRetries = Qualified(MaxRetries),
        RequestTimeout = Qualified(RequestTimeoutSeconds),
        LookupTimeout = Qualified(LookupTimeoutSeconds),
        Insecure = Qualified(Insecure),
    };

    /// <summary>A key as stack config names it: <c>modelarts:region</c>.</summary>
    public static string Qualified(ConfigKey key) => $"modelarts:{key.Name}";

    /// <summary>Keys the engine may send that are not configuration (echoed, never validated).</summary>
    public static readonly IReadOnlyList<string> EngineKeys = ["version", "pluginDownloadURL"];
}
