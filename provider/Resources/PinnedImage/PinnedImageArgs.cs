using ModelArts.Provider.Functions.GetImage;

namespace ModelArts.Provider.Resources.PinnedImage;

/// <summary>getImage's inputs (its <c>id</c> is <c>imageId</c> here) plus the keepers that move the pin when changed.</summary>
internal sealed record PinnedImageArgs
{
    public GetImageArgs Lookup { get; init; } = new();
    public IReadOnlyDictionary<string, string> Keepers { get; init; } = new Dictionary<string, string>();
}
