using ModelArts.Provider.Functions.Framework;

namespace ModelArts.Provider.Functions.GetImage;

/// <summary>An exact id and the newest-wins switch, then getImages' filters (inputs in this order).</summary>
internal sealed partial record GetImageArgs
{
    [Input("Exact image ID.")]
    public string? Id { get; init; }

    [Input("With several matches, take the newest (by createAt; ties by name, then id) instead of failing.", Default = false)]
    public bool MostRecent { get; init; }

    [NestedInputs]
    public ImageFilterArgs Filters { get; init; } = new();
}
