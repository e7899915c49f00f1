using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Policy;
using static ModelArts.Provider.Functions.Framework.Values;

namespace ModelArts.Provider.Functions.Types;

/// <summary><c>modelarts:index:PolicyViolation</c>: one rule of <c>imagePolicy</c> one image broke.</summary>
internal static class PolicyViolationType
{
    public const string Token = "modelarts:index:PolicyViolation";

    public static readonly ObjectType<PolicyBreach> Type = new(Token,
        "An image that matched the filters but breaks a rule of the provider's `imagePolicy`.",
        [
            new("id", PropertyType.String, "Image ID.", true, b => Str(b.Image.Id)),
            new("name", PropertyType.String, "Image name.", true, b => Str(b.Image.Name)),
            new("tag", PropertyType.String, "Image tag.", true, b => Str(b.Image.Tag)),
            new("swrPath", PropertyType.String, "SWR image address.", true, b => Str(b.Image.SwrPath)),
            new("rule", PropertyType.String, "The policy key broken: allowedIds, allowedNamespaces, allowedNamePatterns, allowedTypes, allowedSwrPathPrefixes or maxAgeDays.", true, b => Str(b.Rule)),
            new("reason", PropertyType.String, "Why, in words a person can act on.", true, b => Str(b.Reason)),
        ]);
}
