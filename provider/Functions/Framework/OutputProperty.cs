namespace ModelArts.Provider.Functions.Framework;

/// <summary>
/// One output: wire name, schema type, documentation, and how to read it from the typed result.
/// <c>Required</c> means always present in the result (the .NET SDK then types it non-nullable).
/// </summary>
internal sealed record OutputProperty<TResult>(string Name, PropertyType Type, string Description, bool Required, Func<TResult, PropertyValue> Get);

/// <summary>An object type of the schema (<c>modelarts:index:Image</c>), built from output properties.</summary>
internal sealed record ObjectType<T>(string Token, string Description, IReadOnlyList<OutputProperty<T>> Properties) : IObjectType
{
    /// <summary>One array per object, no iterator or closure: a 10,000-image answer encodes each image twice (StructWriter).</summary>
    public PropertyValue.ObjectValue Encode(T value)
    {
        var properties = new KeyValuePair<string, PropertyValue>[Properties.Count];
        for (var i = 0; i < properties.Length; i++)
        {
            properties[i] = new(Properties[i].Name, Properties[i].Get(value));
        }

        return new(properties);
    }

    IEnumerable<SchemaProperty> IObjectType.SchemaProperties => Properties.Select(p => new SchemaProperty(p.Name, p.Type, p.Description, p.Required, null, false));
}

/// <summary>What the schema builder needs to know of a property.</summary>
internal sealed record SchemaProperty(string Name, PropertyType Type, string Description, bool Required, object? Default, bool Secret, IReadOnlyList<string>? Environment = null);

/// <summary>An object type, seen by the schema builder.</summary>
internal interface IObjectType
{
    string Token { get; }
    string Description { get; }
    IEnumerable<SchemaProperty> SchemaProperties { get; }
}

/// <summary>Helpers that turn typed values into <see cref="PropertyValue"/>s.</summary>
internal static class Values
{
    public static PropertyValue Str(string? s) => new PropertyValue.StringValue(s ?? "");
    public static PropertyValue StrList(IEnumerable<string>? items) => new PropertyValue.ArrayValue(items is IReadOnlyList<string> list ? StrArray(list) : (items ?? []).Select(Str).ToList());
    private static PropertyValue[] StrArray(IReadOnlyList<string> items)
    {
        var values = new PropertyValue[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Str(items[i]);
        }

        return values;
    }

    public static PropertyValue Num(long? n) => n is { } v ? new PropertyValue.NumberValue(v) : PropertyValue.NullValue.Instance;
    public static PropertyValue Bool(bool b) => new PropertyValue.BoolValue(b);
    /// <summary>
    /// A list encoded on demand: each item's value is built when read, so a 10,000-image result never holds
    /// every encoded image at once (the wire writer reads items one at a time).
    /// </summary>
    public static PropertyValue List<T>(IReadOnlyList<T> items, Func<T, PropertyValue> encode) => new PropertyValue.ArrayValue(new Projection<T>(items, encode));

    private sealed class Projection<T>(IReadOnlyList<T> source, Func<T, PropertyValue> encode) : IReadOnlyList<PropertyValue>
    {
        public PropertyValue this[int index] => encode(source[index]);

        public int Count => source.Count;

        public IEnumerator<PropertyValue> GetEnumerator()
        {
            foreach (var item in source)
            {
                yield return encode(item);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
