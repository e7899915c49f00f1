using Google.Protobuf.WellKnownTypes;
using ModelArts.Provider.Functions.Framework;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// <c>google.protobuf.Value</c> &lt;-&gt; <see cref="PropertyValue"/>, decoding Pulumi's special encodings:
/// the unknown sentinel and the signature-keyed objects (secrets, resource references, output values).
/// Never throws on any input.
/// </summary>
internal static class ValueConverter
{
    public const string UnknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    public const string SignatureKey = "4dabf18193072939515e22adb298388d";
    public const string SecretSignature = "1b47061264138c4ac30d75fd1eb44270";
    private const int MaxDepth = 64;

    /// <summary>
    /// A whole Struct (args, config, state) as an object. A signature-keyed Struct at the top is no object: a secret
    /// over an object keeps its properties, each secret; anything else (a reference, a secret scalar) reads as empty.
    /// </summary>
    public static PropertyValue.ObjectValue ToObject(Struct? value) => value is null ? PropertyValue.ObjectValue.Empty : FromStruct(value, 0) switch
    {
        PropertyValue.ObjectValue o => o,
        PropertyValue.SecretValue { Inner: PropertyValue.ObjectValue inner } => new(inner.Properties
            .Select(p => new KeyValuePair<string, PropertyValue>(p.Key, p.Value is PropertyValue.SecretValue ? p.Value : new PropertyValue.SecretValue(p.Value)))
            .ToList()),
        _ => PropertyValue.ObjectValue.Empty,
    };

    public static PropertyValue FromValue(Value? value, int depth = 0)
    {
        if (value is null || depth > MaxDepth)
        {
            return PropertyValue.NullValue.Instance;
        }

        return value.KindCase switch
        {
            Value.KindOneofCase.StringValue => value.StringValue == UnknownSentinel ? PropertyValue.UnknownValue.Instance : new PropertyValue.StringValue(value.StringValue),
            Value.KindOneofCase.NumberValue => new PropertyValue.NumberValue(value.NumberValue),
            Value.KindOneofCase.BoolValue => new PropertyValue.BoolValue(value.BoolValue),
            Value.KindOneofCase.ListValue => new PropertyValue.ArrayValue(value.ListValue.Values.Select(v => FromValue(v, depth + 1)).ToList()),
            Value.KindOneofCase.StructValue => FromStruct(value.StructValue, depth + 1),
            _ => PropertyValue.NullValue.Instance,
        };
    }

    private static PropertyValue FromStruct(Struct s, int depth)
    {
        if (s.Fields.TryGetValue(SignatureKey, out var signature))
        {
            var sig = signature.KindCase == Value.KindOneofCase.StringValue ? signature.StringValue : "";
            return sig == SecretSignature && s.Fields.TryGetValue("value", out var inner)
                ? new PropertyValue.SecretValue(FromValue(inner, depth + 1))
                : new PropertyValue.SpecialValue(sig);
        }

        // Sorted keys: protobuf maps have no order, and results must be deterministic.
        return new PropertyValue.ObjectValue(s.Fields
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new KeyValuePair<string, PropertyValue>(f.Key, FromValue(f.Value, depth + 1)))
            .ToList());
    }

    /// <summary>
    /// The straightforward Struct form of a result. Invoke results go out through <see cref="StructWriter"/>,
    /// which skips this object graph; this stays as the reference it is tested against byte for byte.
    /// </summary>
    public static Struct ToStruct(PropertyValue.ObjectValue value)
    {
        var result = new Struct();
        foreach (var (key, v) in value.Properties)
        {
            result.Fields[key] = ToValue(v);
        }

        return result;
    }

    public static Value ToValue(PropertyValue value) => value switch
    {
        PropertyValue.StringValue s => Value.ForString(s.Value),
        PropertyValue.NumberValue n => Value.ForNumber(n.Value),
        PropertyValue.BoolValue b => Value.ForBool(b.Value),
        PropertyValue.UnknownValue => Value.ForString(UnknownSentinel), // resource outputs in preview; never in invoke results
        PropertyValue.ArrayValue a => Value.ForList(a.Items.Select(ToValue).ToArray()),
        PropertyValue.ObjectValue o => Value.ForStruct(ToStruct(o)),
        PropertyValue.SecretValue secret => Value.ForStruct(new Struct
        {
            Fields = { [SignatureKey] = Value.ForString(SecretSignature), ["value"] = ToValue(secret.Inner) },
        }),
        _ => Value.ForNull(),
    };
}
