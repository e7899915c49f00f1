using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Functions.GetImage;

namespace ModelArts.Provider.Resources.PinnedImage;

/// <summary>
/// The inputs: getImage's own declarations (names, docs, checks), its <c>id</c> renamed <c>imageId</c> because
/// <c>id</c> is reserved on custom resources (pulumi/pulumi pkg/codegen/schema/reserved_keywords.go), plus <c>keepers</c>.
/// </summary>
internal static class PinnedImageInputs
{
    public const string ImageId = "imageId";
    public const string Keepers = "keepers";
    private const string GetImageId = "id";

    public static readonly IReadOnlyList<InputProperty<PinnedImageArgs>> All =
    [
        .. GetImageFunction.Inputs.Select(i => (i.Name == GetImageId ? i with { Name = ImageId, Description = "Pin this exact image ID (getImage's `id`)." } : i)
            .Lift<PinnedImageArgs>(a => a.Lookup, (a, l) => a with { Lookup = l })),
        new StringMapInput<PinnedImageArgs>(Keepers,
            "Arbitrary values that keep the pin: changing any of them re-resolves the image (a replace when the answer is another image), " +
            "as `keepers` in Pulumi's random provider. Secret values stay secret in state.",
            (a, v) => a with { Keepers = v }),
    ];

    /// <summary>A failure of getImage's resolution, reported on this resource's name for the input.</summary>
    public static string Property(string getImageProperty) => getImageProperty == GetImageId ? ImageId : getImageProperty;
}
