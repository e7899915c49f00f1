namespace ModelArts.Provider.Functions.GetImage;

/// <summary>getImages' filters plus an exact id and the newest-wins switch.</summary>
internal sealed record GetImageArgs
{
    public ImageFilterArgs Filters { get; init; } = new();
    public string? Id { get; init; }
    public bool MostRecent { get; init; }
}
