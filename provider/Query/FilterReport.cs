using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.Provider.Query;

/// <summary>How many images the API listed and how many each client-side filter removed.</summary>
internal sealed record FilterReport(int Listed, IReadOnlyList<(ClientFilter Filter, int Removed)> Removed)
{
    public string Describe()
    {
        var text = $"the API listed {Listed} image{(Listed == 1 ? "" : "s")}";
        if (Removed.Count == 0)
        {
            return text;
        }

        return text + "; " + string.Join(", ", Removed.Select(r => $"{r.Filter.Criterion} removed {r.Removed}"));
    }
}

/// <summary>Matches in deterministic order, with the report of how they were narrowed.</summary>
internal sealed record ImageSearchResult(IReadOnlyList<ImageDto> Matches, FilterReport Report);
