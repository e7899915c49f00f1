using System.Globalization;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Functions.Types;
using ModelArts.Provider.ModelArtsApi.Dto;
using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.Provider.Resources.PinnedImage;

/// <summary>The outputs besides the inputs: what was pinned and when. <c>imageId</c> is also the resource id.</summary>
internal static class PinnedImageOutputs
{
    public const string SwrPath = "swrPath";
    public const string Image = "image";
    public const string PinnedAt = "pinnedAt";

    public static readonly IReadOnlyList<SchemaProperty> Computed =
    [
        new(PinnedImageArgs.ImageId, PropertyType.String, "The pinned image's ID (equal to the `imageId` input when one was given); also the resource ID.", true, null, false),
        new(SwrPath, PropertyType.String, "The pinned image's SWR address (registry/organization/name:tag).", true, null, false),
        new(Image, PropertyType.Ref(ImageType.Token), "Every field of the pinned image, as the API last returned it (create, update or refresh).", true, null, false),
        new(PinnedAt, PropertyType.String, "RFC 3339 UTC time at which this image was chosen; kept while the same image stays pinned.", true, null, false),
    ];

    public static string Timestamp(TimeProvider time) => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The state: the inputs as given (secret wrappers kept, so secret keepers stay secret) plus the pinned image;
    /// a null <paramref name="pinnedAt"/> (preview) is unknown.
    /// </summary>
    public static ObjectValue State(ObjectValue inputs, ImageDto image, string? pinnedAt) => Combine(inputs,
        new StringValue(image.Id ?? ""), new StringValue(image.SwrPath ?? ""), ImageType.Type.Encode(image),
        pinnedAt is null ? UnknownValue.Instance : new StringValue(pinnedAt));

    /// <summary>Preview with inputs not known yet: the image cannot be chosen, so what it would give is unknown.</summary>
    public static ObjectValue Unknown(ObjectValue inputs) =>
        Combine(inputs, UnknownValue.Instance, UnknownValue.Instance, UnknownValue.Instance, UnknownValue.Instance);

    private static ObjectValue Combine(ObjectValue inputs, PropertyValue imageId, PropertyValue swrPath, PropertyValue image, PropertyValue pinnedAt) => new(
    [
        .. inputs.Properties.Where(p => Computed.All(c => c.Name != p.Key)),
        new(PinnedImageArgs.ImageId, imageId),
        new(SwrPath, swrPath),
        new(Image, image),
        new(PinnedAt, pinnedAt),
    ]);

    /// <summary>A string field of a state object ("" when absent), e.g. the pinned image's name for messages.</summary>
    public static string Text(ObjectValue state, params string[] path)
    {
        PropertyValue current = state;
        foreach (var key in path)
        {
            current = current is SecretValue s ? s.Inner : current;
            current = current is ObjectValue o ? o.Properties.FirstOrDefault(p => p.Key == key).Value ?? NullValue.Instance : NullValue.Instance;
        }

        current = current is SecretValue secret ? secret.Inner : current;
        return current is StringValue { Value: var text } ? text : "";
    }
}
