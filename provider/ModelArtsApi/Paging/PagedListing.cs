using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.Provider.ModelArtsApi.Paging;

/// <summary>
/// Lists every page of one query. The server reads <c>offset</c> as a page start (page = offset / limit),
/// so offsets are always k * limit. The first page tells how many pages there are; the rest are then
/// fetched concurrently (bounded) and put back in page order, so arrival order never changes the result.
/// </summary>
internal sealed class PagedListing(IPageSource client, ImageListQuery query, ModelArtsClientOptions options)
{
    private readonly int _limit = options.PageSize;

    public async Task<IReadOnlyList<ImageDto>> RunAsync(CancellationToken cancellationToken)
    {
        var pages = new SortedDictionary<int, ImagePage>();
        var first = await client.FetchPageAsync(query, 0, cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            return [];
        }

        pages[0] = first;
        var announced = AnnouncedPages(first);
        if (!IsLastPage(first, 0))
        {
            await FetchRangeAsync(pages, 1, announced, cancellationToken).ConfigureAwait(false);

            // Pages fetched out of order can miss images when the catalog changes meanwhile (an insertion
            // shifts an image across a page boundary between two fetches). A changed `total` says so; then
            // list again in order, where a shift can only repeat an image (dropped below), never skip one.
            if (pages.Values.Any(p => p.Total is { } t && first.Total is { } t0 && t != t0))
            {
                return await ListSequentiallyAsync(cancellationToken).ConfigureAwait(false);
            }

            // The catalog may have grown while we listed: follow on while the last page is full and the
            // server now announces more pages than we fetched.
            var next = announced;
            while (pages.TryGetValue(next - 1, out var last) && !IsLastPage(last, next - 1) && next < ModelArtsClientOptions.MaxPages)
            {
                var page = await client.FetchPageAsync(query, (long)next * _limit, cancellationToken).ConfigureAwait(false);
                if (page is null)
                {
                    break;
                }

                pages[next++] = page;
            }
        }

        return Merge(pages.Values);
    }

    /// <summary>Page after page from offset 0 until a short page or the end: safe while the catalog changes.</summary>
    private async Task<IReadOnlyList<ImageDto>> ListSequentiallyAsync(CancellationToken cancellationToken)
    {
        var pages = new List<ImagePage>();
        for (var index = 0; index < ModelArtsClientOptions.MaxPages; index++)
        {
            var page = await client.FetchPageAsync(query, (long)index * _limit, cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                break;
            }

            pages.Add(page);
            if ((page.Data?.Count ?? 0) < _limit)
            {
                break;
            }
        }

        return Merge(pages);
    }

    private int AnnouncedPages(ImagePage first)
    {
        var byPages = first.Pages ?? 1;
        var byTotal = first.Total is { } total ? (int)Math.Min((total + _limit - 1) / _limit, int.MaxValue) : byPages;
        var announced = Math.Max(byPages, byTotal);
        if (announced > ModelArtsClientOptions.MaxPages)
        {
            throw new ModelArtsApiException(null, null, null, null,
                $"the API announced {announced} pages of {_limit} images (total {first.Total}); more than {ModelArtsClientOptions.MaxPages} pages are not listed, narrow the query");
        }

        return Math.Max(announced, 1);
    }

    /// <summary>Stop rules: a short page, the last announced page, or everything announced collected.</summary>
    private bool IsLastPage(ImagePage page, int index)
    {
        var count = page.Data?.Count ?? 0;
        if (count < _limit)
        {
            return true;
        }

        if (page.Pages is { } total && index + 1 >= total)
        {
            return true;
        }

        return page.Total is { } all && (long)(index + 1) * _limit >= all;
    }

    private async Task FetchRangeAsync(SortedDictionary<int, ImagePage> pages, int from, int toExclusive, CancellationToken cancellationToken)
    {
        if (from >= toExclusive)
        {
            return;
        }

        var results = new ImagePage?[toExclusive - from];
        var parallelism = options.SequentialPaging ? 1 : Math.Max(1, options.MaxConcurrentPages);
        await Parallel.ForEachAsync(
            Enumerable.Range(from, toExclusive - from),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (index, ct) => results[index - from] = await client.FetchPageAsync(query, (long)index * _limit, ct).ConfigureAwait(false))
            .ConfigureAwait(false);

        for (var i = 0; i < results.Length; i++)
        {
            if (results[i] is { } page)
            {
                pages[from + i] = page;
            }
        }
    }

    /// <summary>Pages in order; an id seen on an earlier page wins (pages can overlap while the catalog changes).</summary>
    internal static IReadOnlyList<ImageDto> Merge(IEnumerable<ImagePage> orderedPages)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var images = new List<ImageDto>();
        foreach (var page in orderedPages)
        {
            foreach (var image in page.Data ?? [])
            {
                if (image is null || (image.Id is { } id && !seen.Add(id)))
                {
                    continue;
                }

                images.Add(image);
            }
        }

        return images;
    }
}
