using System.Text.Json;

namespace ModelArts.Provider.Policy;

/// <summary>The JSON shape of a key's value, for the schema's ImagePolicy type.</summary>
internal enum PolicyValueKind
{
    Text,
    TextList,
    WholeNumber,
}

/// <summary>
/// Every key of <c>imagePolicy</c>, declared once: name, shape, meaning, default, and how its JSON value is read into
/// <see cref="ImagePolicy"/> (problems reported against the key). The parser reads through these, and the schema's
/// <c>modelarts:index:ImagePolicy</c> type is written from them.
/// </summary>
internal static class ImagePolicyKeys
{
    /// <summary>One key: <see cref="Read"/> returns the policy with this key's rule set, adding failures for a bad value.</summary>
    internal sealed record Key(string Name, PolicyValueKind Kind, string Description, string? Default,
        Func<ImagePolicy, JsonElement, string, List<(string Key, string Reason)>, ImagePolicy> Read);

    private static readonly string[] ImageTypes = ["BUILD_IN", "DEDICATED"];

    public static readonly IReadOnlyList<Key> All =
    [
        new("mode", PolicyValueKind.Text,
            "\"enforce\" (default): a disallowed image is never returned or selected. \"audit\": it is returned and a warning is logged.", "enforce", ReadMode),
        new("allowedIds", PolicyValueKind.TextList, "Image IDs that may be used.", null,
            (p, v, key, f) => p with { AllowedIds = ImagePolicyParser.StringList(v, key, f) }),
        new("allowedNamespaces", PolicyValueKind.TextList, "SWR organizations whose images may be used.", null,
            (p, v, key, f) => p with { AllowedNamespaces = ImagePolicyParser.StringList(v, key, f) }),
        new("allowedNamePatterns", PolicyValueKind.TextList, "Globs on the image name (`*` any run, `?` one character).", null,
            (p, v, key, f) => p with { AllowedNamePatterns = ImagePolicyParser.StringList(v, key, f) }),
        new("allowedTypes", PolicyValueKind.TextList, "BUILD_IN and/or DEDICATED.", null, ReadTypes),
        new("allowedSwrPathPrefixes", PolicyValueKind.TextList, "Prefixes the image's swr_path must start with.", null,
            (p, v, key, f) => p with { AllowedSwrPathPrefixes = ImagePolicyParser.StringList(v, key, f) }),
        new("maxAgeDays", PolicyValueKind.WholeNumber, "Largest age in days, from the image's creation time; exactly this old is allowed.", null, ReadMaxAge),
    ];

    public static Key? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    private static ImagePolicy ReadMode(ImagePolicy policy, JsonElement value, string key, List<(string, string)> failures)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            failures.Add((key, $"must be \"enforce\" or \"audit\", not {ImagePolicyParser.Describe(value.ValueKind)}"));
            return policy;
        }

        switch (value.GetString()!.ToLowerInvariant())
        {
            case "enforce":
                return policy with { Mode = PolicyMode.Enforce };
            case "audit":
                return policy with { Mode = PolicyMode.Audit };
            default:
                failures.Add((key, $"unknown mode \"{value.GetString()}\"; use \"enforce\" (default) or \"audit\""));
                return policy;
        }
    }

    private static ImagePolicy ReadTypes(ImagePolicy policy, JsonElement value, string key, List<(string, string)> failures)
    {
        var types = ImagePolicyParser.StringList(value, key, failures);
        if (types?.FirstOrDefault(t => !ImageTypes.Contains(t, StringComparer.OrdinalIgnoreCase)) is { } badType)
        {
            failures.Add((key, $"unknown image type \"{badType}\"; use BUILD_IN or DEDICATED"));
        }

        return policy with { AllowedTypes = types };
    }

    private static ImagePolicy ReadMaxAge(ImagePolicy policy, JsonElement value, string key, List<(string, string)> failures)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var days) && days >= 0 && double.IsFinite(days) && days == Math.Floor(days))
        {
            return policy with { MaxAgeDays = days };
        }

        failures.Add((key, value.ValueKind == JsonValueKind.Number
            ? $"must be a whole number of days, zero or more, not {value.GetRawText()}"
            : $"must be a whole number of days, not {ImagePolicyParser.Describe(value.ValueKind)}"));
        return policy;
    }
}
