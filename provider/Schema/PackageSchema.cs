using ModelArts.Provider.Configuration;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Functions.Types;
using ModelArts.Provider.Resources;

namespace ModelArts.Provider.Schema;

/// <summary>The package schema of this provider (what GetSchema serves and `make schema` writes).</summary>
internal static class PackageSchema
{
    public static readonly IReadOnlyList<IObjectType> Types = [ImageType.Type, PolicyViolationType.Type, ImagePolicyType.Instance];

    public static string Json(IReadOnlyList<IFunction> functions) => SchemaBuilder.Build(functions, ResourceRegistry.Declarations, Types);
}
