using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.Provider.ModelArtsApi.Paging;

/// <summary>Where <see cref="PagedListing"/> gets its pages: one request, retried as configured.</summary>
internal interface IPageSource
{
    /// <summary>The page starting at <paramref name="offset"/>; null means "past the end" (ModelArts.6400).</summary>
    Task<ImagePage?> FetchPageAsync(ImageListQuery query, long offset, CancellationToken cancellationToken);
}
