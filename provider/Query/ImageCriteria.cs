using System.Text.RegularExpressions;
using ModelArts.Provider.ModelArtsApi;

namespace ModelArts.Provider.Query;

/// <summary>
/// What a program asked for: the server-side filters (sent to the API) plus the client-side ones.
/// Regexes arrive compiled and validated; list filters are upper-cased by the caller or compared
/// case-insensitively here.
/// </summary>
internal sealed record ImageCriteria
{
    public const string AnyStatus = "*";
    public static readonly IReadOnlyList<string> DefaultStatuses = ["ACTIVE"];

    public ImageListQuery Server { get; init; } = new();
    public string? Id { get; init; }
    public Regex? NameRegex { get; init; }
    public Regex? TagRegex { get; init; }
    public string? Arch { get; init; }
    public IReadOnlyList<string> ResourceCategories { get; init; } = [];
    public IReadOnlyList<string> DevServices { get; init; } = [];

    /// <summary>Empty means ACTIVE only; <c>["*"]</c> means any status.</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public string? Visibility { get; init; }

    public IReadOnlyList<string> EffectiveStatuses => Statuses.Count == 0 ? DefaultStatuses : Statuses;

    /// <summary>Human-readable criteria, e.g. <c>name="pytorch" (fuzzy), arch=X86_64, statuses=[ACTIVE]</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        var s = Server;
        if (Id is not null) parts.Add($"id=\"{Id}\"");
        if (s.Name is not null) parts.Add($"name=\"{s.Name}\"{(s.NameFuzzyMatch == false ? " (exact)" : " (fuzzy)")}");
        if (NameRegex is not null) parts.Add($"nameRegex=/{NameRegex}/");
        if (s.Namespace is not null) parts.Add($"namespace=\"{s.Namespace}\"");
        parts.Add($"type={s.Type ?? (Id is not null ? "BUILD_IN and DEDICATED (an id lookup searches both)" : "BUILD_IN (API default)")}");
        if (s.ServiceType is not null) parts.Add($"serviceType={s.ServiceType}");
        if (s.WorkspaceId is not null) parts.Add($"workspaceId=\"{s.WorkspaceId}\"");
        if (Arch is not null) parts.Add($"arch={Arch}");
        if (ResourceCategories.Count > 0) parts.Add($"resourceCategories=[{string.Join(", ", ResourceCategories)}]");
        if (DevServices.Count > 0) parts.Add($"devServices=[{string.Join(", ", DevServices)}]");
        parts.Add($"statuses=[{string.Join(", ", EffectiveStatuses)}]");
        if (Visibility is not null) parts.Add($"visibility={Visibility}");
        if (TagRegex is not null) parts.Add($"tagRegex=/{TagRegex}/");
        return string.Join(", ", parts);
    }
}
