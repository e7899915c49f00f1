using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Schema;

namespace ModelArts.UnitTests.Schema;

/// <summary>docs/&lt;function&gt;.md lists exactly the inputs and outputs the served schema has, with their types.</summary>
public sealed partial class DocsConsistencyTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(PackageSchema.Json(new FunctionRegistry(() => throw new InvalidOperationException()).All))!;

    [GeneratedRegex(@"^\| `(?<name>[A-Za-z]+)` \| (?<type>[a-zA-Z()]+) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    private static string TypeText(JsonNode p) =>
        p["$ref"] is { } r ? ((string)r!).Split(':')[^1]
        : (string?)p["type"] == "array" ? $"list({(p["items"]!["$ref"] is { } ir ? ((string)ir!).Split(':')[^1] : (string)p["items"]!["type"]!)})"
        : (string)p["type"]!;

    [Fact]
    public void EveryFunctionPage_DocumentsExactlyTheSchemaInputsAndOutputs()
    {
        foreach (var (token, function) in Schema["functions"]!.AsObject())
        {
            var page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", token.Split(':')[^1] + ".md"));
            var sections = page.Split("\n## ");
            var inputs = sections.Single(s => s.StartsWith("Inputs", StringComparison.Ordinal));
            var outputs = sections.Single(s => s.StartsWith("Outputs", StringComparison.Ordinal)).Split("\n### ")[0];

            Assert.Equal(function!["inputs"]!["properties"]!.AsObject().Select(p => (p.Key, TypeText(p.Value!))),
                Row().Matches(inputs).Select(m => (m.Groups["name"].Value, m.Groups["type"].Value)));
            Assert.Equal(function["outputs"]!["properties"]!.AsObject().Select(p => (p.Key, TypeText(p.Value!))),
                Row().Matches(outputs).Select(m => (m.Groups["name"].Value, m.Groups["type"].Value)));
            Assert.Contains($"# `{token}`", page);
        }
    }
}
