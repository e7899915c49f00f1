using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Functions.GetImage;

namespace ModelArts.Provider.Resources.PinnedImage;

/// <summary>
/// getImage's inputs, its <c>id</c> renamed <c>imageId</c> because <c>id</c> is reserved on custom resources
/// (pulumi/pulumi pkg/codegen/schema/reserved_keywords.go), plus the keepers that move the pin when changed.
/// </summary>
internal sealed partial record PinnedImageArgs
{
    public const string ImageId = "imageId";
    private const string GetImageId = "id";

    [NestedInputs(Rename = GetImageId, As = ImageId, Description = "Pin this exact image ID (getImage's `id`).")]
    public GetImageArgs Lookup { get; init; } = new();

    [Input("Arbitrary values that keep the pin: changing any of them re-resolves the image (a replace when the answer is another image), " +
        "as `keepers` in Pulumi's random provider. Secret values stay secret in state.")]
    public IReadOnlyDictionary<string, string> Keepers { get; init; } = new Dictionary<string, string>();

    /// <summary>A failure of getImage's resolution, reported on this resource's name for the input.</summary>
    public static string Property(string getImageProperty) => getImageProperty == GetImageId ? ImageId : getImageProperty;
}
