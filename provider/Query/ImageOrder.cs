using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.Provider.Query;

/// <summary>
/// Newest <c>create_at</c> first; ties by name, then id (ordinal), so the same catalog always gives the
/// same order and picks never flap between runs. Images without a creation time sort last.
/// </summary>
internal sealed class ImageOrder : IComparer<ImageDto>
{
    public static readonly ImageOrder Instance = new();

    public int Compare(ImageDto? x, ImageDto? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return 1;
        if (y is null) return -1;
        var byTime = (y.CreateAt ?? long.MinValue).CompareTo(x.CreateAt ?? long.MinValue);
        if (byTime != 0) return byTime;
        var byName = string.CompareOrdinal(x.Name, y.Name);
        return byName != 0 ? byName : string.CompareOrdinal(x.Id, y.Id);
    }
}
