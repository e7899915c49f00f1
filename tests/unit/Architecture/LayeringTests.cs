using System.Text.RegularExpressions;

namespace ModelArts.UnitTests.Architecture;

/// <summary>
/// Dependencies point one way: Host -> Protocol -> Resources -> Functions -> Query/Policy -> ModelArtsApi. Host is the
/// composition root (it wires every layer); Protocol sees only Resources, Functions, Configuration and Schema; Common is
/// below everything.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Common"] = [],
        ["ModelArtsApi"] = ["Common"],
        ["Query"] = ["ModelArtsApi", "Common"],
        ["Policy"] = ["ModelArtsApi", "Common"],
        ["Functions"] = ["Query", "Policy", "ModelArtsApi", "Common"],
        ["Resources"] = ["Functions", "Query", "Policy", "ModelArtsApi", "Common"],
        ["Configuration"] = ["Functions", "Policy", "ModelArtsApi", "Common"],
        ["Schema"] = ["Functions", "Resources", "Configuration", "Common"],
        ["Protocol"] = ["Resources", "Functions", "Configuration", "Schema", "Common"],
        ["Host"] = ["Protocol", "Resources", "Functions", "Configuration", "Schema", "Query", "Policy", "ModelArtsApi", "Common"],
    };

    [GeneratedRegex(@"ModelArts\.Provider\.(\w+)")]
    private static partial Regex Reference();

    [Fact]
    public void ProviderFolders_OnlyReferenceLowerLayers()
    {
        var provider = Path.Combine(RepoPaths.Root, "provider");
        var violations = new List<string>();
        var files = 0;
        foreach (var file in Directory.EnumerateFiles(provider, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            var layer = Path.GetRelativePath(provider, file).Split(Path.DirectorySeparatorChar)[0];
            Assert.True(Allowed.ContainsKey(layer), $"{file} is in folder {layer}, which has no place in the layering");
            files++;
            foreach (Match m in Reference().Matches(File.ReadAllText(file)))
            {
                var target = m.Groups[1].Value;
                if (target != layer && Allowed.ContainsKey(target) && !Allowed[layer].Contains(target))
                {
                    violations.Add($"{Path.GetRelativePath(provider, file)} ({layer}) references {target}");
                }
            }
        }

        Assert.True(files > 40);
        Assert.Empty(violations);
    }

    [Fact]
    public void Paging_KnowsOnlyItsPageSource_NotTheClientThatUsesIt()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "provider", "ModelArtsApi", "Paging"), "*.cs"))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("ModelArtsClient", text.Replace("ModelArtsClientOptions", ""));
            Assert.DoesNotContain("PageFetcher", text);
        }
    }
}
