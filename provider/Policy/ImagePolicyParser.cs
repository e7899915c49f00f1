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

    public static readonly IReadOnlyList<string> Keys = ImagePolicyKeys.All.Select(k => k.Name).ToList();

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
            if (ImagePolicyKeys.Find(p.Name) is { } declared)
            {
                policy = declared.Read(policy, p.Value, key, failures);
            }
            else
            {
                failures.Add((key, $"is not a policy key{Suggestions.DidYouMean(p.Name, Keys)} Known keys: {string.Join(", ", Keys)}."));
            }
        }

        return new(failures.Count == 0 ? policy : null, failures);
    }

    internal static IReadOnlyList<string>? StringList(JsonElement value, string key, List<(string, string)> failures)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            failures.Add((key, $"must be a list of strings, not {Describe(value.ValueKind)}"));
            return null;
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
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

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
