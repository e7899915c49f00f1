using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Schema;

namespace ModelArts.UnitTests.Schema;

/// <summary>
/// The docs say what the served schema says: docs/&lt;function or resource&gt;.md lists exactly its inputs and outputs, README and
/// docs/installation-configuration.md list exactly its config keys with their types and environment variables, and
/// every version a doc tells users to install is the committed VERSION.
/// </summary>
public sealed partial class DocsConsistencyTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(PackageSchema.Json(new FunctionRegistry(() => throw new InvalidOperationException()).All))!;

    [GeneratedRegex(@"^\| `(?<name>[A-Za-z]+)` \| (?<type>[a-zA-Z()]+) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    private static string TypeText(JsonNode p) =>
        p["$ref"] is { } r ? ((string)r!).Split(':')[^1]
        : (string?)p["type"] == "array" ? $"list({(p["items"]!["$ref"] is { } ir ? ((string)ir!).Split(':')[^1] : (string)p["items"]!["type"]!)})"
        : p["additionalProperties"] is { } values ? $"map({(string)values["type"]!})"
        : (string)p["type"]!;

    [Fact]
    public void EveryFunctionPage_DocumentsExactlyTheSchemaInputsAndOutputs()
    {
        foreach (var (token, function) in Schema["functions"]!.AsObject())
        {
            AssertPageDocuments(token, function!["inputs"]!["properties"]!, function["outputs"]!["properties"]!);
        }
    }

    [Fact]
    public void EveryResourcePage_DocumentsExactlyTheSchemaInputsAndOutputs()
    {
        foreach (var (token, resource) in Schema["resources"]!.AsObject())
        {
            AssertPageDocuments(token, resource!["inputProperties"]!, resource["properties"]!);
        }
    }

    /// <summary>docs/&lt;name&gt;.md has the token as title and tables listing exactly these inputs and outputs, with their types.</summary>
    private static void AssertPageDocuments(string token, JsonNode inputProperties, JsonNode outputProperties)
    {
        var page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", token.Split(':')[^1] + ".md"));
        var sections = page.Split("\n## ");
        var inputs = sections.Single(s => s.StartsWith("Inputs", StringComparison.Ordinal));
        var outputs = sections.Single(s => s.StartsWith("Outputs", StringComparison.Ordinal)).Split("\n### ")[0];

        Assert.Equal(inputProperties.AsObject().Select(p => (p.Key, TypeText(p.Value!))),
            Row().Matches(inputs).Select(m => (m.Groups["name"].Value, m.Groups["type"].Value)));
        Assert.Equal(outputProperties.AsObject().Select(p => (p.Key, TypeText(p.Value!))),
            Row().Matches(outputs).Select(m => (m.Groups["name"].Value, m.Groups["type"].Value)));
        Assert.Contains($"# `{token}`", page);
    }

    [GeneratedRegex(@"^\| `(?<key>[A-Za-z]+)` \| (?<type>[a-z]+) \|(?<env>[^|]*)\|", RegexOptions.Multiline)]
    private static partial Regex ConfigRow();

    [GeneratedRegex(@"`(?<var>[A-Z][A-Z0-9_]+)`")]
    private static partial Regex EnvVar();

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/installation-configuration.md")]
    public void ConfigTables_ListExactlyTheSchemaKeys_WithTypeAndEnvironment(string doc)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, doc));
        var expected = Schema["config"]!["variables"]!.AsObject().Select(v =>
        {
            var type = v.Value!["secret"] is { } secret && (bool)secret! ? "secret" : v.Value["$ref"] is not null ? "object" : (string)v.Value["type"]!;
            var env = v.Value["defaultInfo"]?["environment"]?.AsArray().Select(e => (string)e!) ?? [];
            return $"{v.Key} {type} {string.Join(",", env)}";
        });
        var documented = ConfigRow().Matches(text).Select(m =>
            $"{m.Groups["key"].Value} {m.Groups["type"].Value} {string.Join(",", EnvVar().Matches(m.Groups["env"].Value).Select(e => e.Groups["var"].Value))}");

        Assert.Equal(expected, documented);
    }

    [GeneratedRegex(@"(?:pulumi plugin install resource modelarts v?|pulumi-resource-modelarts-v|Pulumi\.ModelArts --version |Pulumi\.ModelArts\.|@pulumi-modelarts/modelarts@|pulumi-modelarts-modelarts-)(?<version>\d+\.\d+\.\d+[0-9A-Za-z.-]*?)(?=[\s`.-]|\.nupkg|$)", RegexOptions.Multiline)]
    private static partial Regex InstalledVersion();

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/_index.md")]
    [InlineData("docs/installation-configuration.md")]
    [InlineData("docs/policy-pack.md")]
    public void InstallInstructions_NameTheCommittedVersion(string doc)
    {
        var version = File.ReadAllText(Path.Combine(RepoPaths.Root, "VERSION")).Trim();
        var named = InstalledVersion().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, doc))).Select(m => m.Groups["version"].Value).ToList();

        Assert.All(named, v => Assert.Equal(version, v));
        if (doc == "docs/installation-configuration.md") Assert.True(named.Count >= 4, $"{doc} should give the install commands with the version");
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/installation-configuration.md")]
    [InlineData("docs/policy-pack.md")]
    [InlineData("sdk/dotnet/README.md")]
    public void PluginInstallCommands_EitherInstallAFile_OrNameTheServer(string doc)
    {
        // Without --server, `pulumi plugin install` looks in Pulumi's own releases, which do not have this plugin.
        var commands = Regex.Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, doc)), @"pulumi plugin install resource modelarts [^\n`#]*")
            .Select(m => m.Value.Trim()).ToList();

        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.True(c.Contains(" --file ") || c.EndsWith($"--server {(string)Schema["pluginDownloadURL"]!}"), $"{doc}: `{c}` installs from Pulumi's own releases"));
    }

    [Theory]
    [InlineData("docs/_index.md")]
    [InlineData("docs/installation-configuration.md")]
    public void RegistryPages_HaveFrontMatterAndWorkingLinks(string doc)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, doc));
        Assert.Matches(@"^---\ntitle: .+\nmeta_desc: .+\nlayout: package\n---\n", text);
        foreach (Match link in Regex.Matches(text, @"\]\((?<target>[^)#:]+\.md)\)"))
        {
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "docs", link.Groups["target"].Value)), $"{doc} links to missing {link.Groups["target"].Value}");
        }
    }
}
