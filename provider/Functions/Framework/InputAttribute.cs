namespace ModelArts.Provider.Functions.Framework;

/// <summary>
/// Declares the property of an args record as an input: its wire name is the property's name in camelCase, its schema
/// type follows the property's type (string, bool, IReadOnlyList&lt;string&gt;, IReadOnlyDictionary&lt;string, string&gt;).
/// tools/input-generator writes the record's <c>Inputs</c> list from these; the record must be partial.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class InputAttribute(string description) : Attribute
{
    /// <summary>The schema's documentation of the input.</summary>
    public string Description { get; } = description;

    /// <summary>Default shown in the schema (the property's initial value is the real default).</summary>
    public object? Default { get; set; }

    /// <summary><c>nameof</c> a static <c>string? Check(string)</c> of the record that returns why a value is unusable.</summary>
    public string? Validate { get; set; }

    /// <summary><c>nameof</c> a static string array of the record: the values accepted (any case, passed on canonical).</summary>
    public string? AllowedValues { get; set; }

    /// <summary>For a list: values outside <see cref="AllowedValues"/> pass too, upper-cased (the API adds new ones).</summary>
    public bool AllowUnknownValues { get; set; }
}

/// <summary>
/// Declares a property whose type is another args record: its inputs become this record's, unchanged or with the one
/// named <see cref="Rename"/> renamed <see cref="As"/> (and documented <see cref="Description"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class NestedInputsAttribute : Attribute
{
    public string? Rename { get; set; }

    public string? As { get; set; }

    public string? Description { get; set; }
}
