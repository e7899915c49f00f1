namespace ModelArts.Provider.Functions;

/// <summary>The inputs getImages and getImage share. Null means "not given".</summary>
internal sealed record ImageFilterArgs
{
    public string? Name { get; init; }
    public bool? NameFuzzyMatch { get; init; }
    public string? NameRegex { get; init; }
    public string? Namespace { get; init; }
    public string? Type { get; init; }
    public string? ServiceType { get; init; }
    public string? WorkspaceId { get; init; }
    public string? Arch { get; init; }
    public IReadOnlyList<string> ResourceCategories { get; init; } = [];
    public IReadOnlyList<string> DevServices { get; init; } = [];
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public string? Visibility { get; init; }
    public string? TagRegex { get; init; }
}
