using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Schema;

namespace ModelArts.UnitTests.Sdk;

/// <summary>
/// sdk/dotnet must say exactly what the schema the provider serves says: input names, types and list-ness,
/// required-ness, result constructor parameters, config keys and secrets, package name and version. Whether it
/// compiles against Pulumi's API and calls it rightly is for the real compile (`make sdk`) and the end-to-end
/// suite (tests/conformance/program.test.mjs), not for these source checks.
/// </summary>
public sealed class SdkConsistencyTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(PackageSchema.Json(new FunctionRegistry(() => throw new InvalidOperationException()).All))!;
    private static readonly SdkSource Sdk = new();

    private static string Pascal(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static string TypeName(string token) => token.Split(':')[^1];

    private static IEnumerable<(string Token, JsonNode Function)> Functions() =>
        Schema["functions"]!.AsObject().Select(f => (f.Key, f.Value!));

    /// <summary>The C# type gen-sdk writes for a schema property, per place it appears.</summary>
    private static string Expected(JsonNode property, bool required, string place)
    {
        var type = (string?)property["type"];
        if (property["$ref"] is { } r)
        {
            return place == "output" ? $"Outputs.{TypeName((string)r!)}{(required ? "" : "?")}" : $"Input<Inputs.{TypeName((string)r!)}Args>?";
        }

        if (type == "array")
        {
            var items = property["items"]!;
            var inner = items["$ref"] is { } ir ? $"Outputs.{TypeName((string)ir!)}" : "string";
            return place switch { "args" => "List<string>?", "invokeArgs" => "InputList<string>?", _ => $"ImmutableArray<{inner}>" };
        }

        var scalar = type switch { "string" => "string", "boolean" => "bool", "integer" => "int", "number" => "double", _ => "?" + type };
        return place switch
        {
            "args" => required ? scalar : scalar + "?",
            "invokeArgs" => required ? $"Input<{scalar}>" : $"Input<{scalar}>?",
            _ => required ? scalar : scalar + "?",
        };
    }

    [Fact]
    public void ArgsAndInvokeArgs_MatchSchemaInputs_NameTypeListnessRequiredness()
    {
        foreach (var (token, function) in Functions())
        {
            var name = Pascal(token.Split(':')[^1]);
            var inputs = function["inputs"]!["properties"]!.AsObject();
            var required = function["inputs"]!["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
            foreach (var (cls, place) in new[] { ($"{name}Args", "args"), ($"{name}InvokeArgs", "invokeArgs") })
            {
                var declared = SdkSource.Inputs(Sdk.Class(cls));
                Assert.Equal(inputs.Select(i => i.Key), declared.Select(d => d.Wire));
                foreach (var (wire, type, _, _) in declared)
                {
                    Assert.True(Expected(inputs[wire]!, required.Contains(wire), place) == type, $"{cls}.{wire}: SDK type {type}, schema wants {Expected(inputs[wire]!, required.Contains(wire), place)}");
                }
            }
        }
    }

    [Fact]
    public void Results_OutputConstructorMatchesSchemaOutputs()
    {
        foreach (var (token, function) in Functions())
        {
            var cls = Pascal(token.Split(':')[^1]) + "Result";
            AssertOutputs(cls, function["outputs"]!);
        }
    }

    [Fact]
    public void OutputTypes_MatchSchemaTypes()
    {
        foreach (var token in new[] { "modelarts:index:Image", "modelarts:index:PolicyViolation" })
        {
            AssertOutputs(TypeName(token), Schema["types"]![token]!);
        }
    }

    private static void AssertOutputs(string cls, JsonNode objectSchema)
    {
        var properties = objectSchema["properties"]!.AsObject();
        var required = objectSchema["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
        var parameters = SdkSource.OutputConstructor(Sdk.Class(cls));

        Assert.Equal(properties.Select(p => p.Key), parameters.Select(p => p.Name));
        foreach (var (name, type) in parameters)
        {
            var expected = Expected(properties[name]!, required.Contains(name), "output");
            Assert.True(expected == type, $"{cls}({name}): SDK type {type}, schema wants {expected}");
        }

        var fields = Sdk.Class(cls).Members.OfType<FieldDeclarationSyntax>().Where(f => f.Modifiers.Any(m => m.Text == "readonly")).ToList();
        Assert.Equal(properties.Select(p => Pascal(p.Key)), fields.Select(f => f.Declaration.Variables.Single().Identifier.Text));
    }

    [Fact]
    public void Resources_OutputsAndArgs_MatchSchemaProperties()
    {
        foreach (var (token, resource) in Schema["resources"]!.AsObject())
        {
            var name = TypeName(token);
            var cls = Sdk.Class(name);
            Assert.Contains($"[ModelArtsResourceType(\"{token}\")]", cls.AttributeLists.ToString());
            Assert.Contains(cls.Members.OfType<MethodDeclarationSyntax>(), m => m.Identifier.Text == "Get" && m.Modifiers.Any(k => k.Text == "static"));

            var properties = resource!["properties"]!.AsObject();
            var required = resource["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
            var outputs = cls.Members.OfType<PropertyDeclarationSyntax>()
                .Select(p => (Wire: ((Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax)p.AttributeLists.SelectMany(a => a.Attributes).Single(a => a.Name.ToString() == "Output").ArgumentList!.Arguments[0].Expression).Token.ValueText, Type: p.Type.ToString()))
                .ToList();
            Assert.Equal(properties.Select(p => p.Key), outputs.Select(o => o.Wire));
            foreach (var (wire, type) in outputs)
            {
                var expected = $"Output<{ResourceType(properties[wire]!, required.Contains(wire), output: true)}>";
                Assert.True(expected == type, $"{name}.{Pascal(wire)}: SDK type {type}, schema wants {expected}");
            }

            var inputs = resource["inputProperties"]!.AsObject();
            var declared = SdkSource.Inputs(Sdk.Class($"{name}Args"));
            Assert.Equal(inputs.Select(i => i.Key), declared.Select(d => d.Wire));
            foreach (var (wire, type, _, _) in declared)
            {
                Assert.Equal(ResourceType(inputs[wire]!, false, output: false), type);
            }
        }
    }

    /// <summary>The C# type gen-sdk writes for a resource property: <c>Output&lt;T&gt;</c> contents, or the args field/property type.</summary>
    private static string ResourceType(JsonNode property, bool required, bool output)
    {
        var opt = required ? "" : "?";
        return ((string?)property["type"], property["$ref"]) switch
        {
            (_, { } r) => output ? $"Outputs.{TypeName((string)r!)}{opt}" : $"Input<Inputs.{TypeName((string)r!)}Args>?",
            ("array", _) => output ? "ImmutableArray<string>" : "InputList<string>?",
            ("object", _) => output ? $"ImmutableDictionary<string, string>{opt}" : "InputMap<string>?",
            (var t, _) => (t switch { "string" => "string", "boolean" => "bool", "number" => "double", _ => "?" + t }) is var scalar && output ? scalar + opt : $"Input<{scalar}>?",
        };
    }

    [Fact]
    public void Config_ReadsEveryKey_WithTheSchemaEnvironmentFallbacks()
    {
        var variables = Schema["config"]!["variables"]!.AsObject();
        var config = Sdk.Class("Config");
        var initializers = config.Members.OfType<FieldDeclarationSyntax>()
            .Select(f => f.Declaration.Variables.Single())
            .Where(v => v.Identifier.Text.StartsWith('_') && !v.Identifier.Text.StartsWith("__", StringComparison.Ordinal) && v.Initializer is not null)
            .ToDictionary(v => v.Identifier.Text[1..], v => v.Initializer!.Value.ToString());

        Assert.Equal(variables.Select(v => v.Key), initializers.Keys);
        foreach (var (key, spec) in variables)
        {
            var init = initializers[key];
            Assert.Contains($"(\"{key}\")", init);
            var env = spec!["defaultInfo"]?["environment"]?.AsArray().Select(e => $"\"{e}\"") ?? [];
            var envText = string.Join(", ", env);
            Assert.True(envText.Length == 0 ? !init.Contains("Utilities.GetEnv") : init.Contains($"({envText})"), $"Config.{key}: {init}");
            Assert.Contains(config.Members.OfType<PropertyDeclarationSyntax>(), p => p.Identifier.Text == Pascal(key));
        }
    }

    [Fact]
    public void ProviderArgs_DeclareEveryConfigKey_SecretsWrappedExactlyForSecretKeys()
    {
        var variables = Schema["config"]!["variables"]!.AsObject();
        var args = Sdk.Class("ProviderArgs");
        var declared = SdkSource.Inputs(args);
        var secretKeys = variables.Where(v => (bool?)v.Value!["secret"] == true).Select(v => v.Key).ToList();

        Assert.Equal(variables.Select(v => v.Key), declared.Select(d => d.Wire));
        foreach (var (wire, type, json, _) in declared)
        {
            var spec = variables[wire]!;
            Assert.Equal(Expected(spec, false, "invokeArgs"), type);
            Assert.Equal((string?)spec["type"] is "integer" or "boolean" || spec["$ref"] is not null, json);
            Assert.Equal(secretKeys.Contains(wire), SdkSource.PropertyBody(args, wire).Contains("Output.CreateSecret"));
        }

        var additionalSecrets = Sdk.Class("Provider").DescendantNodes().OfType<InitializerExpressionSyntax>()
            .SelectMany(i => i.Expressions.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax>()).Select(l => l.Token.ValueText).ToList();
        Assert.Equal(secretKeys, additionalSecrets);
    }

    [Fact]
    public void ConfigObjectType_MatchesImagePolicySchema()
    {
        var properties = Schema["types"]!["modelarts:index:ImagePolicy"]!["properties"]!.AsObject();
        var nested = Sdk.Class("Config").DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.Identifier.Text == "ImagePolicy");

        Assert.Equal(properties.Select(p => Pascal(p.Key)), nested.Members.OfType<PropertyDeclarationSyntax>().Select(p => p.Identifier.Text));
        Assert.Equal(properties.Select(p => p.Key), SdkSource.Inputs(Sdk.Class("ImagePolicyArgs")).Select(i => i.Wire));
    }

    /// <summary>The one place the version is set (VERSION at the repository root).</summary>
    private static string CommittedVersion => File.ReadAllText(Path.Combine(RepoPaths.Root, "VERSION")).Trim();

    [Fact]
    public void PackageNameAndVersion_AgreeEverywhere()
    {
        var csproj = XDocument.Load(Path.Combine(SdkSource.Directory, "Pulumi.ModelArts.csproj"));

        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", CommittedVersion);
        Assert.Equal(CommittedVersion, (string)Schema["version"]!);
        Assert.Equal(CommittedVersion, PackageInfo.Version);
        Assert.Equal("Pulumi.ModelArts", csproj.Descendants("PackageId").Single().Value);
        Assert.Equal("Pulumi.ModelArts", csproj.Descendants("RootNamespace").Single().Value);
        // The version reaches the SDK from Directory.Build.props, never from a second literal.
        Assert.Empty(csproj.Descendants("Version"));
        Assert.False(File.Exists(Path.Combine(SdkSource.Directory, "version.txt")), "sdk/dotnet/version.txt is written at build time from VERSION");
        Assert.False(File.Exists(Path.Combine(SdkSource.Directory, "pulumi-plugin.json")), "sdk/dotnet/pulumi-plugin.json is written at build time from VERSION");
        Assert.Equal((string)Schema["language"]!["csharp"]!["packageReferences"]!["Pulumi"]!,
            csproj.Descendants("PackageReference").Single(p => (string?)p.Attribute("Include") == "Pulumi").Attribute("Version")!.Value);
        Assert.Contains("new global::Pulumi.Config(\"modelarts\")", Sdk.Class("Config").ToString());
        Assert.Contains("\"pulumi:providers:modelarts\"", Sdk.Class("Provider").AttributeLists.ToString());
    }

    [Fact]
    public void PluginDownloadUrl_IsTheSameInTheSchemaTheSdkProjectAndEveryDefaultOptions()
    {
        var url = (string)Schema["pluginDownloadURL"]!;
        var csproj = XDocument.Load(Path.Combine(SdkSource.Directory, "Pulumi.ModelArts.csproj"));

        Assert.Equal("github://api.github.com/pulumi-modelarts", url);
        Assert.Equal(url, csproj.Descendants("PluginDownloadURL").Single().Value);
        // As gen-sdk writes it when the schema has one: both WithDefaults overloads and the provider's options.
        var utilities = Sdk.Class("Utilities").ToString();
        Assert.Equal(2, CountOf(utilities, $"dst.PluginDownloadURL = src?.PluginDownloadURL ?? \"{url}\";"));
        Assert.Contains($"PluginDownloadURL = \"{url}\",", Sdk.Class("Provider").ToString());
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Fact]
    public void Examples_PinTheCommittedVersion()
    {
        foreach (var project in new[] { "examples/csharp/ModelArtsImages.csproj", "tests/programs/sdk-forms/SdkForms.csproj" })
        {
            var pin = XDocument.Load(Path.Combine(RepoPaths.Root, project)).Descendants("PackageReference")
                .Single(p => (string?)p.Attribute("Include") == "Pulumi.ModelArts").Attribute("Version")!.Value;
            Assert.True(pin == CommittedVersion, $"{project} pins Pulumi.ModelArts {pin}, but VERSION says {CommittedVersion}");
        }
    }
}
