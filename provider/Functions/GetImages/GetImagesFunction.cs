using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Functions.Types;
using ModelArts.Provider.ModelArtsApi.Dto;
using static ModelArts.Provider.Functions.Framework.Values;

namespace ModelArts.Provider.Functions.GetImages;

/// <summary><c>modelarts:index:getImages</c>: every image that matches, across all pages. No match is an empty list, not an error.</summary>
internal static class GetImagesFunction
{
    public const string Token = "modelarts:index:getImages";

    public const string Description =
        "Lists every ModelArts image that matches the filters, across all pages, newest `createAt` first " +
        "(ties broken by name, then id, so results never flap). No match gives empty lists, not an error. " +
        "Images that break the provider's `imagePolicy` are left out (enforce) or kept (audit) and listed in `policyViolations`.";

    public static readonly IReadOnlyList<OutputProperty<GetImagesResult>> Outputs =
    [
        new("images", PropertyType.ListOf(PropertyType.Ref(ImageType.Token)), "All matches, newest first; ties by name, then id.", true,
            r => List(r.Images, i => ImageType.Type.Encode(i))),
        new("ids", PropertyType.StringList, "The ids of `images`, same order.", true, r => List(r.Images, i => Str(i.Id))),
        new("id", PropertyType.String, "ID of the newest match; \"\" when none.", true, r => Str(Newest(r)?.Id)),
        new("swrPath", PropertyType.String, "swr_path of the newest match; \"\" when none.", true, r => Str(Newest(r)?.SwrPath)),
        new("policyViolations", PropertyType.ListOf(PropertyType.Ref(PolicyViolationType.Token)),
            "Images that matched the filters but break `imagePolicy`, one entry per broken rule.", true,
            r => List(r.PolicyViolations, b => PolicyViolationType.Type.Encode(b))),
    ];

    public static Function<ImageFilterArgs, GetImagesResult> Create(Func<ImageLookup> lookup) => new(
        Token, Description, new ImageFilterArgs(), ImageFilterArgs.Inputs, Outputs,
        async (args, ct) =>
        {
            var result = await lookup().SearchAsync(args.ToCriteria(), ct).ConfigureAwait(false);
            return new GetImagesResult(result.Allowed, result.Breaches);
        });

    private static ImageDto? Newest(GetImagesResult r) => r.Images.Count > 0 ? r.Images[0] : null;
}
