namespace ModelArts.Provider.Functions.Framework;

/// <summary>A property's type as the package schema states it.</summary>
internal sealed record PropertyType(string? Primitive, PropertyType? Items = null, string? TypeToken = null)
{
    public static readonly PropertyType String = new("string");
    public static readonly PropertyType Boolean = new("boolean");
    public static readonly PropertyType Integer = new("integer");
    public static readonly PropertyType Number = new("number");
    public static readonly PropertyType StringList = ListOf(String);

    public static PropertyType ListOf(PropertyType items) => new("array", items);

    public static PropertyType Ref(string typeToken) => new(null, TypeToken: typeToken);
}
