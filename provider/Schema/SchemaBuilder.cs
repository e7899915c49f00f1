using System.Text;
using System.Text.Json;
using ModelArts.Provider.Configuration;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Resources.Framework;

namespace ModelArts.Provider.Schema;

/// <summary>
/// Writes the Pulumi package schema from the same declarations that decode arguments and encode results,
/// so the two cannot drift. Output is deterministic (declaration order), for a committed schema.json.
/// </summary>
internal static class SchemaBuilder
{
    public static string Build(IReadOnlyList<IFunction> functions, IReadOnlyList<ResourceDeclaration> resources, IReadOnlyList<IObjectType> types)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("name", PackageInfo.Name);
            w.WriteString("displayName", PackageInfo.DisplayName);
            w.WriteString("version", PackageInfo.Version);
            w.WriteString("description", PackageInfo.Description);
            w.WriteStartArray("keywords");
            foreach (var k in new[] { "pulumi", "huaweicloud", "modelarts", "category/cloud", "kind/native" }) w.WriteStringValue(k);
            w.WriteEndArray();
            w.WriteString("homepage", PackageInfo.Repository);
            w.WriteString("license", PackageInfo.License);
            w.WriteString("repository", PackageInfo.Repository);
            w.WriteString("publisher", PackageInfo.Publisher);
            w.WriteString("pluginDownloadURL", PackageInfo.PluginDownloadUrl);

            var config = ConfigKeys.All.Select(k => k.ToSchema()).ToList();
            w.WriteStartObject("config");
            WriteProperties(w, "variables", config);
            w.WriteEndObject();

            w.WriteStartObject("types");
            foreach (var type in types)
            {
                w.WriteStartObject(type.Token);
                w.WriteString("type", "object");
                w.WriteString("description", type.Description);
                var props = type.SchemaProperties.ToList();
                WriteProperties(w, "properties", props);
                WriteRequired(w, props);
                w.WriteEndObject();
            }

            w.WriteEndObject();

            w.WriteStartObject("provider");
            w.WriteString("description", "The provider type for the modelarts package. Every input may also come from the environment variables listed.");
            WriteProperties(w, "inputProperties", config);
            w.WriteEndObject();

            w.WriteStartObject("resources");
            foreach (var r in resources)
            {
                w.WriteStartObject(r.Token);
                w.WriteString("description", r.Description);
                WriteProperties(w, "inputProperties", r.Inputs);
                WriteRequired(w, r.Inputs, "requiredInputs");
                WriteProperties(w, "properties", r.Outputs);
                WriteRequired(w, r.Outputs);
                w.WriteEndObject();
            }

            w.WriteEndObject();

            w.WriteStartObject("functions");
            foreach (var f in functions)
            {
                w.WriteStartObject(f.Token);
                w.WriteString("description", f.Description);
                w.WriteStartObject("inputs");
                w.WriteString("type", "object");
                WriteProperties(w, "properties", f.InputSchema);
                w.WriteEndObject();
                w.WriteStartObject("outputs");
                w.WriteString("type", "object");
                WriteProperties(w, "properties", f.OutputSchema);
                WriteRequired(w, f.OutputSchema);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();

            w.WriteStartObject("language");
            w.WriteStartObject("csharp");
            w.WriteString("rootNamespace", "Pulumi");
            w.WriteStartObject("namespaces");
            w.WriteString(PackageInfo.Name, "ModelArts");
            w.WriteEndObject();
            w.WriteStartObject("packageReferences");
            w.WriteString("Pulumi", PackageInfo.PulumiDotnetSdkRange);
            w.WriteEndObject();
            w.WriteBoolean("respectSchemaVersion", true);
            w.WriteEndObject();
            // The npm package tools/gen-sdk writes (sdk/nodejs), named as gen-sdk reads it: language.nodejs.
            w.WriteStartObject("nodejs");
            w.WriteString("packageName", PackageInfo.NodejsPackageName);
            w.WriteStartObject("dependencies");
            w.WriteString("@pulumi/pulumi", PackageInfo.PulumiNodejsSdkRange);
            w.WriteEndObject();
            w.WriteStartObject("devDependencies");
            w.WriteString("@types/node", "20.19.9");
            w.WriteString("typescript", "5.9.3");
            w.WriteEndObject();
            w.WriteBoolean("respectSchemaVersion", true);
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteProperties(Utf8JsonWriter w, string name, IReadOnlyList<SchemaProperty> properties)
    {
        w.WriteStartObject(name);
        foreach (var p in properties)
        {
            w.WriteStartObject(p.Name);
            WriteType(w, p.Type);
            w.WriteString("description", p.Description);
            switch (p.Default)
            {
                case bool b: w.WriteBoolean("default", b); break;
                case int i: w.WriteNumber("default", i); break;
                case string s: w.WriteString("default", s); break;
            }

            if (p.Environment is { Count: > 0 } env)
            {
                w.WriteStartObject("defaultInfo");
                w.WriteStartArray("environment");
                foreach (var e in env) w.WriteStringValue(e);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            if (p.Secret)
            {
                w.WriteBoolean("secret", true);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter w, PropertyType type)
    {
        if (type.TypeToken is { } token)
        {
            w.WriteString("$ref", $"#/types/{token}");
            return;
        }

        w.WriteString("type", type.Primitive);
        if (type.Items is { } items)
        {
            w.WriteStartObject("items");
            WriteType(w, items);
            w.WriteEndObject();
        }

        if (type.Values is { } values)
        {
            w.WriteStartObject("additionalProperties");
            WriteType(w, values);
            w.WriteEndObject();
        }
    }

    private static void WriteRequired(Utf8JsonWriter w, IReadOnlyList<SchemaProperty> properties, string name = "required")
    {
        var required = properties.Where(p => p.Required).Select(p => p.Name).ToList();
        if (required.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var r in required) w.WriteStringValue(r);
        w.WriteEndArray();
    }
}
