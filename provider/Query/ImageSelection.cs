using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.Provider.Query;

/// <summary>The outcome of picking exactly one image.</summary>
internal abstract record ImageSelection
{
    private ImageSelection() { }

    public sealed record Selected(ImageDto Image) : ImageSelection;

    /// <summary>Nothing to pick; <see cref="Message"/> repeats the criteria and how close the search came.</summary>
    public sealed record Failed(string Message) : ImageSelection;

    public const int CandidatesShown = 5;

    /// <summary>
    /// Picks from candidates already in <see cref="ImageOrder"/>: one is taken; several are an error unless
    /// <paramref name="mostRecent"/>, which takes the first (newest, ties broken by name then id).
    /// </summary>
    public static ImageSelection PickOne(IReadOnlyList<ImageDto> candidates, bool mostRecent, ImageCriteria criteria, FilterReport report)
    {
        switch (candidates.Count)
        {
            case 0 when criteria.Id is not null && criteria.Server.Type is null:
                return new Failed($"no image matches {criteria.Describe()}: {report.Describe()}, leaving none. " +
                    "Check the id (ModelArts console, Images) and that it belongs to this project; `statuses` defaults to [ACTIVE].");
            case 0:
                return new Failed($"no image matches {criteria.Describe()}: {report.Describe()}, leaving none. " +
                    "Loosen the filters; note that a query without `type` lists BUILD_IN images only and `statuses` defaults to [ACTIVE].");
            case 1:
                return new Selected(candidates[0]);
        }

        if (mostRecent)
        {
            return new Selected(candidates[0]);
        }

        var shown = string.Join(", ", candidates.Take(CandidatesShown).Select(Label));
        var more = candidates.Count > CandidatesShown ? $" and {candidates.Count - CandidatesShown} more" : "";
        return new Failed($"{candidates.Count} images match {criteria.Describe()}: {shown}{more}. " +
            "Narrow the filters (for example `nameRegex`, `tagRegex` or an exact `name` with `nameFuzzyMatch: false`) or set `mostRecent: true` to take the newest.");
    }

    public static string Label(ImageDto image) => $"{image.Name ?? "?"}:{image.Tag ?? "?"} ({image.Id ?? "no id"})";
}
