using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Schema;

namespace ModelArts.UnitTests.Sdk;

/// <summary>
/// sdk/dotnet is generated from provider/schema.json by tools/gen-sdk; tests/conformance/sdkgen.test.mjs regenerates it
/// and fails on any difference, and holds the generator's output against the golden files of Pulumi's own codegen.
/// These checks read the committed SDK against the schema the provider serves (not the committed file), for what
/// reaches users beyond the generated shapes: config keys and their environment fallbacks, secrets, package name,
/// version and download server.
/// </summary>
public sealed class SdkConsistencyTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(PackageSchema.Json(new FunctionRegistry(() => throw new InvalidOperationException()).All))!;
    private static readonly SdkSource Sdk = new();

    private static string Pascal(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    [Fact]
    public void Functions_EachHasTheThreeInvokeFormsAndItsArgsAndResultClasses()
    {
        foreach (var token in Schema["functions"]!.AsObject().Select(f => f.Key))
        {
            var name = Pascal(token.Split(':')[^1]);
            var forms = Sdk.Class(name).Members.OfType<MethodDeclarationSyntax>().Select(m => $"{m.Identifier.Text}({m.ParameterList.Parameters})").ToList();
            Assert.Equal(
                new[] { $"InvokeAsync({name}Args? args = null, InvokeOptions? options = null)", $"Invoke({name}InvokeArgs? args = null, InvokeOptions? options = null)", $"Invoke({name}InvokeArgs args, InvokeOutputOptions options)" },
                forms);
            Assert.Contains($"\"{token}\"", Sdk.Class(name).ToString());
            var inputs = Schema["functions"]![token]!["inputs"]!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
            Assert.Equal(inputs, SdkSource.Inputs(Sdk.Class($"{name}Args")).Select(i => i.Wire));
            Assert.Equal(inputs, SdkSource.Inputs(Sdk.Class($"{name}InvokeArgs")).Select(i => i.Wire));
            var outputs = Schema["functions"]![token]!["outputs"]!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
            Assert.Equal(outputs, SdkSource.OutputConstructor(Sdk.Class($"{name}Result")).Select(p => p.Name.TrimStart('@')));
        }
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

        Assert.Equal(variables.Select(v => v.Key).Order(StringComparer.Ordinal), initializers.Keys.Order(StringComparer.Ordinal));
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
        var secretKeys = variables.Where(v => (bool?)v.Value!["secret"] == true).Select(v => v.Key).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(variables.Select(v => v.Key).Order(StringComparer.Ordinal), declared.Select(d => d.Wire));
        foreach (var (wire, _, json, _) in declared)
        {
            var spec = variables[wire]!;
            // The provider's inputs reach it JSON-encoded unless they are strings (pulumi-dotnet codegen, genInputPropertyAttribute).
            Assert.Equal((string?)spec["type"] != "string", json);
            Assert.Equal(secretKeys.Contains(wire), SdkSource.PropertyBody(args, wire).Contains("Output.CreateSecret"));
        }

        var additionalSecrets = Sdk.Class("Provider").DescendantNodes().OfType<InitializerExpressionSyntax>()
            .SelectMany(i => i.Expressions.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax>()).Select(l => l.Token.ValueText).ToList();
        Assert.Equal(secretKeys, additionalSecrets);
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
