using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.Provider.ModelArtsApi;

/// <summary>Lists every image the API returns for a query, across all pages.</summary>
internal interface IImageSource
{
    Task<IReadOnlyList<ImageDto>> ListImagesAsync(ImageListQuery query, CancellationToken cancellationToken);
}
