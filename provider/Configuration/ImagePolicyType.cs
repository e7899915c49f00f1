using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Policy;

namespace ModelArts.Provider.Configuration;

/// <summary><c>modelarts:index:ImagePolicy</c>: the schema of the <c>imagePolicy</c> config object, written from <see cref="ImagePolicyKeys"/>.</summary>
internal sealed class ImagePolicyType : IObjectType
{
    public static readonly ImagePolicyType Instance = new();

    public string Token => ConfigKeys.ImagePolicyTypeToken;

    public string Description => "Allowed-images policy. An image is allowed when it passes every rule that is set.";

    public IEnumerable<SchemaProperty> SchemaProperties { get; } = ImagePolicyKeys.All
        .Select(k => new SchemaProperty(k.Name, k.Kind switch
        {
            PolicyValueKind.TextList => PropertyType.StringList,
            PolicyValueKind.WholeNumber => PropertyType.Number,
            _ => PropertyType.String,
        }, k.Description, false, k.Default, false))
        .ToList();
}
