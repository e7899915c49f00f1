namespace ModelArts.Provider.ModelArtsApi;

/// <summary>
/// The filters the API applies itself (query parameters of <c>GET /v1/{project_id}/images</c>).
/// A record, so identical listings compare equal and can share one request.
/// </summary>
internal sealed record ImageListQuery(
    string? Name = null,
    bool? NameFuzzyMatch = null,
    string? Namespace = null,
    string? Type = null,
    string? ServiceType = null,
    string? WorkspaceId = null,
    string? SortKey = null,
    string? SortDir = null)
{
    /// <summary>The query pairs for one page; values the caller left out are not sent.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToParameters(int limit, long offset)
    {
        yield return new("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Name is not null) yield return new("name", Name);
        if (NameFuzzyMatch is { } fuzzy) yield return new("name_fuzzy_match", fuzzy ? "true" : "false");
        if (Namespace is not null) yield return new("namespace", Namespace);
        if (Type is not null) yield return new("type", Type);
        if (ServiceType is not null) yield return new("service_type", ServiceType);
        if (WorkspaceId is not null) yield return new("workspace_id", WorkspaceId);
        if (SortKey is not null) yield return new("sort_key", SortKey);
        if (SortDir is not null) yield return new("sort_dir", SortDir);
    }
}
