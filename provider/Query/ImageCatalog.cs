using System.Collections.Concurrent;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.Provider.Query;

/// <summary>
/// Lists images at most once per distinct API query: concurrent identical queries share one in-flight
/// listing and the result is kept for the catalog's life (one provider configuration, i.e. one
/// <c>pulumi preview</c>/<c>up</c>). A failed listing is forgotten so that the next call tries again.
/// </summary>
internal sealed class ImageCatalog(IImageSource source) : IDisposable
{
    private readonly ConcurrentDictionary<ImageListQuery, Lazy<Task<IReadOnlyList<ImageDto>>>> _listings = new();
    private readonly CancellationTokenSource _lifetime = new();

    public async Task<IReadOnlyList<ImageDto>> ListAsync(ImageListQuery query, CancellationToken cancellationToken)
    {
        var listing = _listings.GetOrAdd(query, q => new Lazy<Task<IReadOnlyList<ImageDto>>>(() => ListAndForgetFailureAsync(q)));
        // A caller that gives up does not cancel the shared listing: others may be waiting on it.
        return await listing.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops every listing in flight (the engine's Cancel).</summary>
    public void CancelAll() => _lifetime.Cancel();

    private async Task<IReadOnlyList<ImageDto>> ListAndForgetFailureAsync(ImageListQuery query)
    {
        try
        {
            return await source.ListImagesAsync(query, _lifetime.Token).ConfigureAwait(false);
        }
        catch
        {
            _listings.TryRemove(query, out _);
            throw;
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }
}
