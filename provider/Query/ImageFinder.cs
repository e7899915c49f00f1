using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.Provider.Query;

/// <summary>Runs criteria: server-side listing (through the catalog), client-side filters, deterministic order.</summary>
internal sealed class ImageFinder(ImageCatalog catalog)
{
    public async Task<ImageSearchResult> SearchAsync(ImageCriteria criteria, CancellationToken cancellationToken)
    {
        var listings = await Task.WhenAll(ServerQueries(criteria).Select(q => catalog.ListAsync(q, cancellationToken))).ConfigureAwait(false);
        var listed = listings.Length == 1 ? listings[0] : listings.SelectMany(l => l).DistinctBy(i => i.Id ?? "").ToList();
        return Filter(listed, criteria);
    }

    /// <summary>
    /// The API listings a search needs. An exact id without a type looks at both types: whoever names an
    /// image by id expects to find it whether it is built-in or their own.
    /// </summary>
    public static IReadOnlyList<ModelArtsApi.ImageListQuery> ServerQueries(ImageCriteria criteria) =>
        criteria.Id is not null && criteria.Server.Type is null
            ? [criteria.Server, criteria.Server with { Type = "DEDICATED" }]
            : [criteria.Server];

    /// <summary>Pure part of a search: every filter runs before anything is judged "no match".</summary>
    public static ImageSearchResult Filter(IReadOnlyList<ImageDto> listed, ImageCriteria criteria)
    {
        var removed = new List<(ClientFilter, int)>();
        var current = listed.ToList();
        foreach (var filter in ClientFilters.For(criteria))
        {
            var kept = current.Where(filter.Keeps).ToList();
            removed.Add((filter, current.Count - kept.Count));
            current = kept;
        }

        current.Sort(ImageOrder.Instance);
        return new ImageSearchResult(current, new FilterReport(listed.Count, removed));
    }
}
