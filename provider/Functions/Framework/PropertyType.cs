namespace ModelArts.Provider.Functions.Framework;

/// <summary>A property's type as the package schema states it.</summary>
/// <remarks><c>Values</c> is set for a map (<c>object</c> with <c>additionalProperties</c>).</remarks>
internal sealed record PropertyType(string? Primitive, PropertyType? Items = null, string? TypeToken = null, PropertyType? Values = null)
{
    public static readonly PropertyType String = new("string");
    public static readonly PropertyType Boolean = new("boolean");
    public static readonly PropertyType Integer = new("integer");
    public static readonly PropertyType Number = new("number");
    public static readonly PropertyType StringList = ListOf(String);

    public static readonly PropertyType StringMap = MapOf(String);

    public static PropertyType ListOf(PropertyType items) => new("array", items);

    public static PropertyType MapOf(PropertyType values) => new("object", Values: values);

    public static PropertyType Ref(string typeToken) => new(null, TypeToken: typeToken);
}
