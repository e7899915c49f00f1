namespace ModelArts.Provider.Functions.Framework;

/// <summary>
/// A Pulumi property value, independent of protobuf: the Protocol layer converts
/// <c>google.protobuf.Value</c> to and from it, functions never see the wire.
/// </summary>
internal abstract record PropertyValue
{
    private PropertyValue() { }

    public sealed record NullValue : PropertyValue { public static readonly NullValue Instance = new(); }
    public sealed record StringValue(string Value) : PropertyValue;
    public sealed record BoolValue(bool Value) : PropertyValue;
    public sealed record NumberValue(double Value) : PropertyValue;
    public sealed record ArrayValue(IReadOnlyList<PropertyValue> Items) : PropertyValue;

    /// <summary>Properties in a stable order (the order they were declared or received).</summary>
    public sealed record ObjectValue(IReadOnlyList<KeyValuePair<string, PropertyValue>> Properties) : PropertyValue
    {
        public static readonly ObjectValue Empty = new([]);
    }

    /// <summary>A value not known yet (computed during preview).</summary>
    public sealed record UnknownValue : PropertyValue { public static readonly UnknownValue Instance = new(); }

    public sealed record SecretValue(PropertyValue Inner) : PropertyValue;

    /// <summary>Another Pulumi special object (resource reference, output value) this provider does not take.</summary>
    public sealed record SpecialValue(string Signature) : PropertyValue;

    /// <summary>"a string", "a list", ... for error messages.</summary>
    public string Describe() => this switch
    {
        NullValue => "null",
        StringValue => "a string",
        BoolValue => "a boolean",
        NumberValue => "a number",
        ArrayValue => "a list",
        ObjectValue => "an object",
        UnknownValue => "an unknown (computed) value",
        SecretValue s => "a secret " + s.Inner.Describe(),
        SpecialValue => "a resource reference or output value",
        _ => "an unsupported value",
    };
}
