using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Functions.Types;
using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.Policy;
using ModelArts.Provider.Query;

namespace ModelArts.Provider.Functions.GetImage;

/// <summary><c>modelarts:index:getImage</c>: exactly one image, or a failure that says why not.</summary>
internal static class GetImageFunction
{
    public const string Token = "modelarts:index:getImage";

    public const string Description =
        "Resolves exactly one ModelArts image. Fails when none matches (repeating the criteria and what each filter removed) " +
        "or when several match and `mostRecent` is false (listing candidates). With `id` and no `type`, both BUILD_IN and DEDICATED images are searched.";

    public static Function<GetImageArgs, ImageDto> Create(Func<ImageLookup> lookup) => new(
        Token, Description, new GetImageArgs(), GetImageArgs.Inputs, ImageType.Properties, (args, ct) => ResolveAsync(lookup(), args, ct));

    /// <summary>
    /// The one image <paramref name="args"/> resolve to, or a <see cref="FunctionFailure"/> on the input to blame
    /// (none, several, or only policy-blocked matches). PinnedImage resolves through here too.
    /// </summary>
    public static async Task<ImageDto> ResolveAsync(ImageLookup lookup, GetImageArgs args, CancellationToken ct)
    {
        var criteria = args.Filters.ToCriteria(args.Id);
        var found = await lookup.SearchAsync(criteria, ct).ConfigureAwait(false);
        if (found.Allowed.Count == 0 && found.Breaches.Count > 0)
        {
            throw new FunctionFailure("imagePolicy", PolicyMessage(criteria, found.Breaches));
        }

        return ImageSelection.PickOne(found.Allowed, args.MostRecent, criteria, found.Search.Report) switch
        {
            ImageSelection.Selected s => s.Image,
            ImageSelection.Failed f => throw new FunctionFailure(BlamedInput(found, args), f.Message),
            _ => throw new InvalidOperationException("unknown selection outcome"),
        };
    }

    /// <summary>The input a failure is reported against: mostRecent when ambiguous, else the filter that removed the last candidates.</summary>
    private static string BlamedInput(PolicedSearch found, GetImageArgs args)
    {
        if (found.Allowed.Count > 1)
        {
            return "mostRecent";
        }

        if (args.Id is not null)
        {
            return "id"; // an id that matches nothing (or nothing with the other filters) is the id's failure
        }

        // The API itself listed nothing: blame the narrowest server-side filter given; without any, `type`
        // (a query without it lists BUILD_IN images only).
        var last = found.Search.Report.Removed.LastOrDefault(r => r.Removed > 0);
        var f = args.Filters;
        return last.Filter?.Input
            ?? (f.Name is not null ? "name" : f.Namespace is not null ? "namespace" : f.WorkspaceId is not null ? "workspaceId" : f.ServiceType is not null ? "serviceType" : "type");
    }

    /// <summary>Each rule broken once (with how many images broke it), then the blocked candidates.</summary>
    private static string PolicyMessage(ImageCriteria criteria, IReadOnlyList<PolicyBreach> breaches)
    {
        var images = breaches.Select(b => b.Image).Distinct().ToList();
        var rules = breaches.GroupBy(b => b.Rule)
            .Select(g => $"{g.Key} ({g.First().Reason}{(g.Count() > 1 ? $"; {g.Count()} images in all" : "")})");
        var shown = string.Join(", ", images.Take(ImageSelection.CandidatesShown).Select(ImageSelection.Label));
        var more = images.Count > ImageSelection.CandidatesShown ? $" and {images.Count - ImageSelection.CandidatesShown} more" : "";
        return $"every image matching {criteria.Describe()} is blocked by the provider's imagePolicy. Rules broken: {string.Join("; ", rules)}. " +
            $"Blocked: {shown}{more}. Pick an allowed image or ask the platform team to extend modelarts:imagePolicy.";
    }
}
