using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.Provider.Query;

/// <summary>Runs criteria: server-side listing (through the catalog), client-side filters, deterministic order.</summary>
internal sealed class ImageFinder(ImageCatalog catalog)
{
    public async Task<ImageSearchResult> SearchAsync(ImageCriteria criteria, CancellationToken cancellationToken)
    {
        var listed = await catalog.ListAsync(criteria.Server, cancellationToken).ConfigureAwait(false);
        return Filter(listed, criteria);
    }

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
