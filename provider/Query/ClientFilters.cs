using System.Text.RegularExpressions;
using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.Provider.Query;

/// <summary>The client-side filters a criteria set asks for, in a fixed order.</summary>
internal static class ClientFilters
{
    public static IReadOnlyList<ClientFilter> For(ImageCriteria c)
    {
        var filters = new List<ClientFilter>();
        if (c.Id is { } id)
        {
            filters.Add(new("id", $"id=\"{id}\"", i => string.Equals(i.Id, id, StringComparison.Ordinal)));
        }

        if (c.NameRegex is { } nameRegex)
        {
            filters.Add(new("nameRegex", $"nameRegex=/{nameRegex}/", i => Matches(nameRegex, i.Name)));
        }

        if (c.TagRegex is { } tagRegex)
        {
            filters.Add(new("tagRegex", $"tagRegex=/{tagRegex}/", i => Matches(tagRegex, i.Tag)));
        }

        if (c.Arch is { } arch)
        {
            filters.Add(new("arch", $"arch={arch}", i => EqualsIgnoreCase(i.Arch, arch)));
        }

        if (c.ResourceCategories.Count > 0)
        {
            filters.Add(new("resourceCategories", $"resourceCategories=[{string.Join(", ", c.ResourceCategories)}]",
                i => ContainsAll(i.ResourceCategories, c.ResourceCategories)));
        }

        if (c.DevServices.Count > 0)
        {
            filters.Add(new("devServices", $"devServices=[{string.Join(", ", c.DevServices)}]",
                i => ContainsAll(i.DevServices, c.DevServices)));
        }

        var statuses = c.EffectiveStatuses;
        if (!statuses.Contains(ImageCriteria.AnyStatus))
        {
            filters.Add(new("statuses", $"statuses=[{string.Join(", ", statuses)}]",
                i => statuses.Any(s => EqualsIgnoreCase(i.Status, s))));
        }

        if (c.Visibility is { } visibility)
        {
            filters.Add(new("visibility", $"visibility={visibility}", i => EqualsIgnoreCase(i.Visibility, visibility)));
        }

        return filters;
    }

    /// <summary>A missing value never matches a regex: an image without a tag cannot satisfy tagRegex.</summary>
    private static bool Matches(Regex regex, string? value) => value is not null && regex.IsMatch(value);

    private static bool EqualsIgnoreCase(string? a, string b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool ContainsAll(IReadOnlyList<string>? offered, IReadOnlyList<string> wanted) =>
        offered is not null && wanted.All(w => offered.Any(o => string.Equals(o, w, StringComparison.OrdinalIgnoreCase)));
}
