using System.Globalization;
using ModelArts.Provider.Common;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.Policy;

namespace ModelArts.Provider.Configuration;

/// <summary>
/// Reads provider config as the engine sends it (strings for numbers, booleans and JSON objects; secrets
/// wrapped) with environment fallbacks, reporting every bad or missing key. Secret values never appear
/// in a failure.
/// </summary>
internal sealed class ConfigReader(Func<string, string?> environment)
{
    public sealed record Failure(string Key, string Reason, bool Missing = false);

    public sealed record Result(ProviderConfig? Config, IReadOnlyList<Failure> Failures);

    public static ConfigReader FromProcessEnvironment() => new(Environment.GetEnvironmentVariable);

    public Result Read(PropertyValue.ObjectValue values)
    {
        var failures = new List<Failure>();
        var given = new Dictionary<string, PropertyValue>(StringComparer.Ordinal);
        foreach (var (rawKey, value) in values.Properties)
        {
            var key = StripNamespace(rawKey);
            if (ConfigKeys.EngineKeys.Contains(key))
            {
                continue;
            }

            if (ConfigKeys.All.All(k => k.Name != key))
            {
                failures.Add(new(key, $"is not a modelarts config key{Suggestions.DidYouMean(key, ConfigKeys.All.Select(k => k.Name))} Keys: {string.Join(", ", ConfigKeys.All.Select(k => k.Name))}."));
                continue;
            }

            given[key] = value is PropertyValue.SecretValue s ? s.Inner : value;
        }

        string? Text(ConfigKey key)
        {
            if (given.TryGetValue(key.Name, out var value))
            {
                switch (value)
                {
                    case PropertyValue.StringValue { Value: var s }:
                        return s.Length == 0 ? null : s;
                    case PropertyValue.NumberValue { Value: var n }:
                        return n.ToString(CultureInfo.InvariantCulture);
                    case PropertyValue.BoolValue { Value: var b }:
                        return b ? "true" : "false";
                    case PropertyValue.NullValue:
                        break;
                    case PropertyValue.UnknownValue:
                        failures.Add(new(key.Name, "is not known yet; provider configuration must be known before images can be looked up"));
                        return null;
                    default:
                        failures.Add(new(key.Name, $"expected {Expected(key)}, got {value.Describe()}"));
                        return null;
                }
            }

            foreach (var variable in key.EnvironmentVariables)
            {
                if (environment(variable) is { Length: > 0 } fromEnv)
                {
                    return fromEnv;
                }
            }

            return null;
        }

        // Where a value came from, for messages: stack config or the first environment variable set.
        string Source(ConfigKey key) =>
            given.ContainsKey(key.Name) ? $"stack config modelarts:{key.Name}"
            : key.EnvironmentVariables.FirstOrDefault(v => environment(v) is { Length: > 0 }) is { } variable ? $"environment variable {variable}"
            : "nowhere";

        var region = Text(ConfigKeys.Region);
        var projectId = Text(ConfigKeys.ProjectId);
        var endpointText = Text(ConfigKeys.Endpoint);
        var maxRetries = Integer(ConfigKeys.MaxRetries, Text(ConfigKeys.MaxRetries), ModelArtsClientOptions.DefaultMaxRetries, 0, 20, failures);
        var timeout = Integer(ConfigKeys.RequestTimeoutSeconds, Text(ConfigKeys.RequestTimeoutSeconds), (int)ModelArtsClientOptions.DefaultRequestTimeout.TotalSeconds, 1, 600, failures);
        var lookupTimeout = Integer(ConfigKeys.LookupTimeoutSeconds, Text(ConfigKeys.LookupTimeoutSeconds), (int)ModelArtsClientOptions.DefaultLookupTimeout.TotalSeconds, 1, 3600, failures);
        var insecure = Boolean(ConfigKeys.Insecure, Text(ConfigKeys.Insecure), failures);
        var policy = ReadPolicy(given, failures);

        Uri? endpoint = null;
        if (endpointText is not null)
        {
            if (Uri.TryCreate(endpointText, UriKind.Absolute, out var parsed) && parsed.UserInfo.Length > 0)
            {
                // Never echoed: user info in a URL is a credential.
                failures.Add(new(ConfigKeys.Endpoint.Name,
                    $"must not carry user info (user:password@ before {parsed.Host}); put credentials in accessKey/secretKey or authToken, and the endpoint as {parsed.Scheme}://{parsed.Authority}{parsed.AbsolutePath}"));
            }
            else if (parsed is not null && parsed.Scheme is "http" or "https" && parsed.Query.Length == 0)
            {
                endpoint = ModelArtsEndpoint.Resolve(region, endpointText);
            }
            else
            {
                failures.Add(new(ConfigKeys.Endpoint.Name, $"\"{endpointText}\" is not an http(s) base URL such as https://modelarts.cn-north-4.myhuaweicloud.com"));
            }
        }
        else if (region is null)
        {
            failures.Add(Missing(ConfigKeys.Region, "(or set `endpoint`)"));
        }
        else if (!IsRegionName(region))
        {
            failures.Add(new(ConfigKeys.Region.Name, $"\"{region}\" is not a region name such as cn-north-4 or ap-southeast-3"));
        }
        else
        {
            endpoint = ModelArtsEndpoint.Resolve(region, null);
        }

        if (projectId is null)
        {
            failures.Add(Missing(ConfigKeys.ProjectId));
        }
        else if (projectId.Length != 32 || !projectId.All(char.IsAsciiHexDigit))
        {
            failures.Add(new(ConfigKeys.ProjectId.Name,
                $"\"{(projectId.Length > 64 ? projectId[..64] + "..." : projectId)}\" (from {Source(ConfigKeys.ProjectId)}) is not a Huawei Cloud project id: those are 32 hexadecimal characters (IAM console, My Credentials, Projects)"));
        }

        var credentials = ReadCredentials(Text, Source, failures);

        // A key that was given but unusable is reported as such, not also as missing.
        failures.RemoveAll(f => f.Missing && failures.Any(g => !g.Missing && g.Key == f.Key));
        if (failures.Count > 0 || endpoint is null || projectId is null || credentials is null)
        {
            return new(null, failures);
        }

        return new(new ProviderConfig(endpoint, region, projectId, credentials, maxRetries, TimeSpan.FromSeconds(timeout), TimeSpan.FromSeconds(lookupTimeout), insecure, policy ?? ImagePolicy.None), failures);
    }

    private static ModelArtsCredentials? ReadCredentials(Func<ConfigKey, string?> text, Func<ConfigKey, string> source, List<Failure> failures)
    {
        var ak = text(ConfigKeys.AccessKey);
        var sk = text(ConfigKeys.SecretKey);
        var token = text(ConfigKeys.SecurityToken);
        var authToken = text(ConfigKeys.AuthToken);
        var akSk = ak is not null && sk is not null;

        if (akSk && authToken is not null)
        {
            failures.Add(new(ConfigKeys.AuthToken.Name,
                $"both AK/SK (accessKey from {source(ConfigKeys.AccessKey)}, secretKey from {source(ConfigKeys.SecretKey)}) and authToken (from {source(ConfigKeys.AuthToken)}) are set; set only one way to authenticate"));
            return null;
        }

        if (authToken is not null)
        {
            if (ak is not null || sk is not null || token is not null)
            {
                var extra = ak is not null ? ConfigKeys.AccessKey : sk is not null ? ConfigKeys.SecretKey : ConfigKeys.SecurityToken;
                failures.Add(new(extra.Name, $"is set (from {source(extra)}) together with authToken (from {source(ConfigKeys.AuthToken)}); an IAM token is used alone"));
                return null;
            }

            return new TokenCredentials(authToken);
        }

        if (akSk)
        {
            return new AkSkCredentials(ak!, sk!, token);
        }

        if (ak is not null)
        {
            failures.Add(Missing(ConfigKeys.SecretKey, $"to go with accessKey (from {source(ConfigKeys.AccessKey)})"));
        }
        else if (sk is not null)
        {
            failures.Add(Missing(ConfigKeys.AccessKey, $"to go with secretKey (from {source(ConfigKeys.SecretKey)})"));
        }
        else if (token is not null)
        {
            failures.Add(Missing(ConfigKeys.AccessKey, $"and so is secretKey: securityToken (from {source(ConfigKeys.SecurityToken)}) is one part of temporary AK/SK credentials"));
            failures.Add(Missing(ConfigKeys.SecretKey, "with accessKey, for the securityToken that is set"));
        }
        else
        {
            // No credentials at all: one sentence with both ways, each environment list said once.
            failures.Add(new(ConfigKeys.AccessKey.Name,
                $"is required, with secretKey, for AK/SK signing (environment: {Either(ConfigKeys.AccessKey)}; secretKey: {Either(ConfigKeys.SecretKey)}), " +
                $"unless an IAM token is set as authToken (environment: {Either(ConfigKeys.AuthToken)}). No credentials are set: " +
                "run `pulumi config set --secret modelarts:accessKey ...` and the same for secretKey, or set the variables",
                Missing: true));
            failures.Add(new(ConfigKeys.SecretKey.Name, "is required with accessKey (see accessKey)", Missing: true));
        }

        return null;
    }

    private static ImagePolicy? ReadPolicy(Dictionary<string, PropertyValue> given, List<Failure> failures)
    {
        if (!given.TryGetValue(ConfigKeys.ImagePolicy.Name, out var value) || value is PropertyValue.NullValue)
        {
            return null;
        }

        string json;
        switch (value)
        {
            case PropertyValue.StringValue { Value: var text }:
                json = text;
                break;
            case PropertyValue.ObjectValue obj:
                json = PropertyJson.Write(obj);
                break;
            default:
                failures.Add(new(ConfigKeys.ImagePolicy.Name, $"expected an object (JSON), got {value.Describe()}"));
                return null;
        }

        var parsed = ImagePolicyParser.Parse(json);
        failures.AddRange(parsed.Failures.Select(f => new Failure(f.Key, f.Reason)));
        return parsed.Policy;
    }

    private static int Integer(ConfigKey key, string? text, int fallback, int min, int max, List<Failure> failures)
    {
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        failures.Add(new(key.Name, $"\"{Shorten(text)}\" is not a whole number from {min} to {max}"));
        return fallback;
    }

    private static bool Boolean(ConfigKey key, string? text, List<Failure> failures)
    {
        if (text is null)
        {
            return false;
        }

        if (bool.TryParse(text, out var b))
        {
            return b;
        }

        if (text is "1" or "0")
        {
            return text == "1";
        }

        failures.Add(new(key.Name, $"\"{Shorten(text)}\" is not true or false"));
        return false;
    }

    private static Failure Missing(ConfigKey key, string? extra = null) =>
        new(key.Name, $"is required{(extra is null ? "" : " " + extra)}: run `pulumi config set {(key.Secret ? "--secret " : "")}modelarts:{key.Name} ...`" +
            (key.EnvironmentVariables.Count > 0 ? $" or set {string.Join(", ", key.EnvironmentVariables)}" : ""), Missing: true);

    private static string Either(ConfigKey key) => string.Join(", ", key.EnvironmentVariables.SkipLast(1)) + (key.EnvironmentVariables.Count > 1 ? " or " : "") + key.EnvironmentVariables[^1];

    private static string Expected(ConfigKey key) => key.Type == PropertyType.Integer ? "a whole number" : key.Type == PropertyType.Boolean ? "true or false" : "a string";

    private static bool IsRegionName(string region) =>
        region.Length is > 2 and < 64 && region.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');

    private static string StripNamespace(string key)
    {
        foreach (var prefix in new[] { "modelarts:config:", "modelarts:" })
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return key[prefix.Length..];
            }
        }

        return key;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
