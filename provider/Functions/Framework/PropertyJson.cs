using System.Text;
using System.Text.Json;

namespace ModelArts.Provider.Functions.Framework;

/// <summary>Writes a property value as JSON text (for config objects that arrive as values rather than JSON strings).</summary>
internal static class PropertyJson
{
    public static string Write(PropertyValue value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter w, PropertyValue value)
    {
        switch (value)
        {
            case PropertyValue.StringValue s: w.WriteStringValue(s.Value); break;
            case PropertyValue.BoolValue b: w.WriteBooleanValue(b.Value); break;
            case PropertyValue.NumberValue n when double.IsFinite(n.Value): w.WriteNumberValue(n.Value); break;
            case PropertyValue.SecretValue secret: Write(w, secret.Inner); break;
            case PropertyValue.ArrayValue a:
                w.WriteStartArray();
                foreach (var item in a.Items) Write(w, item);
                w.WriteEndArray();
                break;
            case PropertyValue.ObjectValue o:
                w.WriteStartObject();
                foreach (var (k, v) in o.Properties)
                {
                    w.WritePropertyName(k);
                    Write(w, v);
                }

                w.WriteEndObject();
                break;
            default: w.WriteNullValue(); break;
        }
    }
}
