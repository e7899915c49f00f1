using System.Text.Json;
using ModelArts.Provider.Common;

namespace ModelArts.Provider.Policy;

/// <summary>
/// Reads <c>imagePolicy</c> from JSON text (stack config delivers objects as JSON text). Every problem is
/// reported against its key (<c>imagePolicy.maxAgeDays</c>), all at once, never as an exception.
/// </summary>
internal static class ImagePolicyParser
{
    public const string ConfigKey = "imagePolicy";

    public static readonly IReadOnlyList<string> Keys =
        ["mode", "allowedIds", "allowedNamespaces", "allowedNamePatterns", "allowedTypes", "allowedSwrPathPrefixes", "maxAgeDays"];

    private static readonly string[] Types = ["BUILD_IN", "DEDICATED"];

    public sealed record Result(ImagePolicy? Policy, IReadOnlyList<(string Key, string Reason)> Failures);

    public static Result Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return new(null, [(ConfigKey, $"is not valid JSON ({JsonErrors.Describe(e)}); expected an object such as {{\"mode\": \"enforce\", \"allowedNamespaces\": [\"atelier\"]}}")]);
        }

        using (doc)
        {
            return Parse(doc.RootElement);
        }
    }

    public static Result Parse(JsonElement root)
    {
        var failures = new List<(string, string)>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new(null, [(ConfigKey, $"must be a JSON object, not {Describe(root.ValueKind)}")]);
        }

        var policy = new ImagePolicy();
        foreach (var p in root.EnumerateObject())
        {
            var key = $"{ConfigKey}.{p.Name}";
            switch (p.Name)
            {
                case "mode":
                    if (p.Value.ValueKind != JsonValueKind.String)
                    {
                        failures.Add((key, $"must be \"enforce\" or \"audit\", not {Describe(p.Value.ValueKind)}"));
                    }
                    else if (p.Value.GetString()!.ToLowerInvariant() is var mode && mode is "enforce" or "audit")
                    {
                        policy = policy with { Mode = mode == "audit" ? PolicyMode.Audit : PolicyMode.Enforce };
                    }
                    else
                    {
                        failures.Add((key, $"unknown mode \"{p.Value.GetString()}\"; use \"enforce\" (default) or \"audit\""));
                    }

                    break;
                case "allowedIds":
                    policy = policy with { AllowedIds = StringList(p, key, failures) };
                    break;
                case "allowedNamespaces":
                    policy = policy with { AllowedNamespaces = StringList(p, key, failures) };
                    break;
                case "allowedNamePatterns":
                    policy = policy with { AllowedNamePatterns = StringList(p, key, failures) };
                    break;
                case "allowedSwrPathPrefixes":
                    policy = policy with { AllowedSwrPathPrefixes = StringList(p, key, failures) };
                    break;
                case "allowedTypes":
                    var types = StringList(p, key, failures);
                    if (types?.FirstOrDefault(t => !Types.Contains(t, StringComparer.OrdinalIgnoreCase)) is { } badType)
                    {
                        failures.Add((key, $"unknown image type \"{badType}\"; use BUILD_IN or DEDICATED"));
                    }

                    policy = policy with { AllowedTypes = types };
                    break;
                case "maxAgeDays":
                    if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetDouble(out var days) && days >= 0 && double.IsFinite(days) && days == Math.Floor(days))
                    {
                        policy = policy with { MaxAgeDays = days };
                    }
                    else
                    {
                        failures.Add((key, p.Value.ValueKind == JsonValueKind.Number
                            ? $"must be a whole number of days, zero or more, not {p.Value.GetRawText()}"
                            : $"must be a whole number of days, not {Describe(p.Value.ValueKind)}"));
                    }

                    break;
                default:
                    failures.Add((key, $"is not a policy key{Suggestions.DidYouMean(p.Name, Keys)} Known keys: {string.Join(", ", Keys)}."));
                    break;
            }
        }

        return new(failures.Count == 0 ? policy : null, failures);
    }

    private static IReadOnlyList<string>? StringList(JsonProperty p, string key, List<(string, string)> failures)
    {
        if (p.Value.ValueKind != JsonValueKind.Array)
        {
            failures.Add((key, $"must be a list of strings, not {Describe(p.Value.ValueKind)}"));
            return null;
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in p.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                failures.Add(($"{key}[{index}]", $"must be a string, not {Describe(item.ValueKind)}"));
            }
            else if (string.IsNullOrWhiteSpace(item.GetString()))
            {
                failures.Add(($"{key}[{index}]", "must not be empty"));
            }
            else
            {
                items.Add(item.GetString()!);
            }

            index++;
        }

        if (index == 0)
        {
            failures.Add((key, "is an empty list, which would allow no image; leave the key out to not restrict by it"));
        }

        return items;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
