using FsCheck;
using FsCheck.Fluent;
using ModelArts.Provider.Functions.Framework;
using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.UnitTests.Properties;

/// <summary>Random Pulumi property values of every kind, including the special ones, nested a few levels.</summary>
internal static class Generators
{
    private static readonly string[] Names =
        ["name", "nameRegex", "tagRegex", "type", "arch", "statuses", "resourceCategories", "devServices", "id", "mostRecent", "nmae", "", "x"];

    private static Gen<string> Text() => Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
        Gen.Elements("pytorch", "X86_64", "GPU", "*", "([", "ACTIVE", "DEDICATED", "04da6b54-80e4-46f7-96ec-b56ff0331ba9", ""));

    public static Gen<PropertyValue> Value(int depth)
    {
        var leaves = Gen.OneOf(
            Text().Select(s => (PropertyValue)new StringValue(s)),
            ArbMap.Default.GeneratorFor<double>().Select(d => (PropertyValue)new NumberValue(d)),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (PropertyValue)new BoolValue(b)),
            Gen.Constant((PropertyValue)NullValue.Instance),
            Gen.Constant((PropertyValue)UnknownValue.Instance),
            Gen.Constant((PropertyValue)new SpecialValue("5cf8f73096256a8f31e491e813e4eb8e")));
        if (depth <= 0)
        {
            return leaves;
        }

        return Gen.OneOf(
            leaves,
            leaves,
            Value(depth - 1).ListOf().Select(l => (PropertyValue)new ArrayValue(l.Take(5).ToList())),
            Object(depth - 1).Select(o => (PropertyValue)o),
            Value(depth - 1).Select(v => (PropertyValue)new SecretValue(v)));
    }

    public static Gen<ObjectValue> Object(int depth) =>
        Gen.Zip(Gen.OneOf(Gen.Elements(Names), Text()), Value(depth)).ListOf()
            .Select(pairs => new ObjectValue(pairs.Take(6).DistinctBy(p => p.Item1).Select(p => new KeyValuePair<string, PropertyValue>(p.Item1, p.Item2)).ToList()));

    /// <summary>Objects without unknown or special values, which cannot be serialized as plain JSON-like data.</summary>
    public static Gen<ObjectValue> PlainObject(int depth) => Object(depth).Where(o => !HasOpaque(o));

    private static bool HasOpaque(PropertyValue v) => v switch
    {
        UnknownValue or SpecialValue => true,
        SecretValue s => HasOpaque(s.Inner),
        ArrayValue a => a.Items.Any(HasOpaque),
        ObjectValue o => o.Properties.Any(p => HasOpaque(p.Value)),
        _ => false,
    };
}
