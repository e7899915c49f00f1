using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.Provider.Policy;

/// <summary>Checks images against an <see cref="ImagePolicy"/>; rules run in a fixed order.</summary>
internal sealed class PolicyEvaluator(ImagePolicy policy, TimeProvider time)
{
    public ImagePolicy Policy => policy;

    /// <summary>Every rule the image breaks (empty when allowed).</summary>
    public IReadOnlyList<PolicyBreach> Check(ImageDto image)
    {
        if (!policy.HasRules)
        {
            return [];
        }

        var breaches = new List<PolicyBreach>();
        void Breach(string rule, string reason) => breaches.Add(new PolicyBreach(image, rule, reason));

        if (policy.AllowedIds is { } ids && !ids.Contains(image.Id ?? "", StringComparer.Ordinal))
        {
            Breach("allowedIds", $"id {image.Id ?? "(none)"} is not in allowedIds");
        }

        if (policy.AllowedNamespaces is { } namespaces && !namespaces.Contains(image.Namespace ?? "", StringComparer.Ordinal))
        {
            Breach("allowedNamespaces", image.Namespace is null
                ? "the image has no namespace, and allowedNamespaces is set"
                : $"namespace \"{image.Namespace}\" is not in allowedNamespaces [{string.Join(", ", namespaces)}]");
        }

        if (policy.AllowedNamePatterns is { } patterns && (image.Name is null || !patterns.Any(p => Glob.IsMatch(p, image.Name))))
        {
            Breach("allowedNamePatterns", $"name \"{image.Name ?? ""}\" matches none of allowedNamePatterns [{string.Join(", ", patterns)}]");
        }

        if (policy.AllowedTypes is { } types && !types.Contains(image.Type ?? "", StringComparer.OrdinalIgnoreCase))
        {
            Breach("allowedTypes", $"type {image.Type ?? "(none)"} is not in allowedTypes [{string.Join(", ", types)}]");
        }

        if (policy.AllowedSwrPathPrefixes is { } prefixes && (image.SwrPath is null || !prefixes.Any(p => image.SwrPath.StartsWith(p, StringComparison.Ordinal))))
        {
            Breach("allowedSwrPathPrefixes", $"swr_path \"{image.SwrPath ?? ""}\" starts with none of allowedSwrPathPrefixes [{string.Join(", ", prefixes)}]");
        }

        if (policy.MaxAgeDays is { } maxDays)
        {
            if (image.CreateAt is not { } created)
            {
                Breach("maxAgeDays", "the image has no creation time, so its age cannot be checked against maxAgeDays");
            }
            else
            {
                var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(created);
                if (age > TimeSpan.FromDays(maxDays))
                {
                    Breach("maxAgeDays", $"created {DateTimeOffset.FromUnixTimeMilliseconds(created):yyyy-MM-dd}, {Math.Floor(age.TotalDays)} days ago, older than maxAgeDays {maxDays}");
                }
            }
        }

        return breaches;
    }

    /// <summary>Splits ordered images into those the policy lets through and every breach, keeping order.</summary>
    public (IReadOnlyList<ImageDto> Allowed, IReadOnlyList<PolicyBreach> Breaches) Partition(IReadOnlyList<ImageDto> images)
    {
        var allowed = new List<ImageDto>(images.Count);
        var breaches = new List<PolicyBreach>();
        foreach (var image in images)
        {
            var found = Check(image);
            breaches.AddRange(found);
            if (found.Count == 0 || policy.Mode == PolicyMode.Audit)
            {
                allowed.Add(image);
            }
        }

        return (allowed, breaches);
    }
}
