namespace ModelArts.Provider.Functions.Framework;

/// <summary>Facts about property values that decoding and diffing share.</summary>
internal static class PropertyValues
{
    /// <summary>Whether the value, or anything inside it, is not known yet.</summary>
    public static bool ContainsUnknown(PropertyValue value) => value switch
    {
        PropertyValue.UnknownValue => true,
        PropertyValue.SecretValue s => ContainsUnknown(s.Inner),
        PropertyValue.ArrayValue a => a.Items.Any(ContainsUnknown),
        PropertyValue.ObjectValue o => o.Properties.Any(p => ContainsUnknown(p.Value)),
        _ => false,
    };

    /// <summary>
    /// Same value, ignoring secretness (a value that became secret is still the same value) and treating null as
    /// absent. Records compare lists by reference, so known values are compared as canonical JSON.
    /// </summary>
    public static bool SameKnownValue(PropertyValue? a, PropertyValue? b)
    {
        a = a is PropertyValue.NullValue ? null : a;
        b = b is PropertyValue.NullValue ? null : b;
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return !ContainsUnknown(a) && !ContainsUnknown(b) && PropertyJson.Write(a) == PropertyJson.Write(b);
    }
}
