using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.ModelArtsApi.Paging;

namespace ModelArts.Provider.ModelArtsApi;

/// <summary>
/// Client of <c>GET /v1/{project_id}/images</c>: every page of a query (<see cref="PagedListing"/>), each fetched,
/// signed and retried by <see cref="PageFetcher"/>, within one bound on the whole listing. Knows nothing about Pulumi:
/// messages name settings as <see cref="ModelArtsClientOptions.Names"/> says.
/// </summary>
internal sealed class ModelArtsClient : IImageSource, IDisposable
{
    private readonly ModelArtsClientOptions _options;
    private readonly PageFetcher _pages;
    private readonly TimeProvider _time;

    public ModelArtsClient(ModelArtsClientOptions options, TimeProvider? time = null, HttpMessageHandler? transport = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _pages = new PageFetcher(options, _time, transport);
    }

    public async Task<IReadOnlyList<ImageDto>> ListImagesAsync(ImageListQuery query, CancellationToken cancellationToken)
    {
        using var bound = new CancellationTokenSource(_options.LookupTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        try
        {
            return await new PagedListing(_pages, query, _options).RunAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ModelArtsApiException(null, null, null, null,
                $"the listing took longer than {_options.LookupTimeout.TotalSeconds:0} s in all ({_options.Names.LookupTimeout}), every attempt and wait included; " +
                $"the API is slow or unwell: retry later, or raise {_options.Names.LookupTimeout}", e);
        }
    }

    public void Dispose() => _pages.Dispose();
}
