using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.ModelArtsApi.Dto;
using static ModelArts.Provider.Functions.Framework.Values;

namespace ModelArts.Provider.Functions.Types;

/// <summary>
/// <c>modelarts:index:Image</c>: camelCase of the API's ImageResponse. Strings and lists are always present
/// (empty when the API leaves them out); numbers are absent when unknown. Times are UTC milliseconds and
/// sizes KB, typed <c>number</c> because .NET codegen maps <c>integer</c> to a 32-bit int.
/// </summary>
internal static class ImageType
{
    public const string Token = "modelarts:index:Image";

    public static readonly IReadOnlyList<OutputProperty<ImageDto>> Properties =
    [
        new("id", PropertyType.String, "Image ID (UUID), as used to create notebooks and training jobs.", true, i => Str(i.Id)),
        new("name", PropertyType.String, "Image name.", true, i => Str(i.Name)),
        new("tag", PropertyType.String, "Image tag.", true, i => Str(i.Tag)),
        new("swrPath", PropertyType.String, "SWR image address (registry/organization/name:tag).", true, i => Str(i.SwrPath)),
        new("arch", PropertyType.String, "Processor architecture as the API reports it (`x86_64`, `aarch64`).", true, i => Str(i.Arch)),
        new("type", PropertyType.String, "BUILD_IN (built-in) or DEDICATED (saved by users).", true, i => Str(i.Type)),
        new("serviceType", PropertyType.String, "COMMON, INFERENCE, TRAIN, DEV, UNKNOWN, or a value the docs do not list yet.", true, i => Str(i.ServiceType)),
        new("namespace", PropertyType.String, "SWR organization the image belongs to.", true, i => Str(i.Namespace)),
        new("workspaceId", PropertyType.String, "Workspace ID (\"0\" is the default workspace).", true, i => Str(i.WorkspaceId)),
        new("description", PropertyType.String, "Image description.", true, i => Str(i.Description)),
        new("devServices", PropertyType.StringList, "Services the image offers (NOTEBOOK, SSH, and values the docs do not list such as AI_FLOW).", true, i => StrList(i.DevServices)),
        new("resourceCategories", PropertyType.StringList, "Flavors the image supports (CPU, GPU, ASCEND).", true, i => StrList(i.ResourceCategories)),
        new("status", PropertyType.String, "INIT, CREATING, CREATE_FAILED, ERROR, DELETED or ACTIVE.", true, i => Str(i.Status)),
        new("statusMessage", PropertyType.String, "Build information while the image is being saved.", true, i => Str(i.StatusMessage)),
        new("visibility", PropertyType.String, "PRIVATE, PUBLIC, HIDDEN, ...", true, i => Str(i.Visibility)),
        new("origin", PropertyType.String, "CUSTOMIZE or IMAGE_SAVE.", true, i => Str(i.Origin)),
        new("size", PropertyType.Number, "Image size in KB; absent when the API does not say.", false, i => Num(i.Size)),
        new("createAt", PropertyType.Number, "Creation time, UTC milliseconds since the Unix epoch; absent when unknown.", false, i => Num(i.CreateAt)),
        new("updateAt", PropertyType.Number, "Last update time, UTC milliseconds since the Unix epoch; absent when unknown.", false, i => Num(i.UpdateAt)),
    ];

    public static readonly ObjectType<ImageDto> Type = new(Token, "A ModelArts notebook or training image.", Properties);
}
