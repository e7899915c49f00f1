using ModelArts.Provider.Functions.Framework;

namespace ModelArts.Provider.Configuration;

/// <summary><c>modelarts:index:ImagePolicy</c>: the schema of the <c>imagePolicy</c> config object.</summary>
internal sealed class ImagePolicyType : IObjectType
{
    public static readonly ImagePolicyType Instance = new();

    public string Token => ConfigKeys.ImagePolicyTypeToken;

    public string Description => "Allowed-images policy. An image is allowed when it passes every rule that is set.";

    public IEnumerable<SchemaProperty> SchemaProperties { get; } =
    [
        new("mode", PropertyType.String, "\"enforce\" (default): a disallowed image is never returned or selected. \"audit\": it is returned and a warning is logged.", false, "enforce", false),
        new("allowedIds", PropertyType.StringList, "Image IDs that may be used.", false, null, false),
        new("allowedNamespaces", PropertyType.StringList, "SWR organizations whose images may be used.", false, null, false),
        new("allowedNamePatterns", PropertyType.StringList, "Globs on the image name (`*` any run, `?` one character).", false, null, false),
        new("allowedTypes", PropertyType.StringList, "BUILD_IN and/or DEDICATED.", false, null, false),
        new("allowedSwrPathPrefixes", PropertyType.StringList, "Prefixes the image's swr_path must start with.", false, null, false),
        new("maxAgeDays", PropertyType.Number, "Largest age in days, from the image's creation time; exactly this old is allowed.", false, null, false),
    ];
}
