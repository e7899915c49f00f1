using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Functions.GetImage;
using ModelArts.Provider.Resources.PinnedImage;
using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.UnitTests.Functions;

/// <summary>
/// Inputs declared once, on the args records' properties: the lists tools/input-generator writes follow those
/// declarations (names, order, docs, setters), and a declaration it cannot turn into an input fails the build.
/// </summary>
public sealed class InputDeclarationTests
{
    private static IEnumerable<(string Name, string Description)> Declared(Type args) =>
        args.GetProperties().Where(p => p.GetCustomAttribute<InputAttribute>() is not null)
            .OrderBy(p => p.MetadataToken)
            .Select(p => (char.ToLowerInvariant(p.Name[0]) + p.Name[1..], p.GetCustomAttribute<InputAttribute>()!.Description));

    [Fact]
    public void FilterInputs_AreTheAnnotatedProperties_InDeclarationOrder()
    {
        var declared = Declared(typeof(ImageFilterArgs)).ToList();

        Assert.Equal(13, declared.Count);
        Assert.Equal(declared, ImageFilterArgs.Inputs.Select(i => (i.Name, i.Description)));
    }

    [Fact]
    public void GetImageInputs_AreItsOwnThenTheFilters_AndPinnedImageRenamesIdOnly()
    {
        string[] filters = [.. ImageFilterArgs.Inputs.Select(i => i.Name)];

        Assert.Equal(["id", "mostRecent", .. filters], GetImageArgs.Inputs.Select(i => i.Name));
        Assert.Equal(["imageId", "mostRecent", .. filters, "keepers"], PinnedImageArgs.Inputs.Select(i => i.Name));
        Assert.Equal("Pin this exact image ID (getImage's `id`).", PinnedImageArgs.Inputs[0].Description);
        var mostRecent = GetImageArgs.Inputs[1];
        Assert.Equal((PropertyType.Boolean, (object)false), (mostRecent.Type, mostRecent.Default));
    }

    [Fact]
    public void GeneratedSetters_ReachTheNestedProperty_WithTheDeclaredChecks()
    {
        var args = new ObjectValue([
            new("imageId", new StringValue("i-1")),
            new("type", new StringValue("dedicated")),
            new("devServices", new ArrayValue([new StringValue("notebook"), new StringValue("jupyter")])),
            new("keepers", new ObjectValue([new("k", new StringValue("v"))])),
        ]);

        var (pinned, failures) = InputDecoder.Decode("t", new PinnedImageArgs(), PinnedImageArgs.Inputs, args, UnknownInputs.Fail);
        var (_, refused) = InputDecoder.Decode("t", new ImageFilterArgs(), ImageFilterArgs.Inputs,
            new ObjectValue([new("namespace", new StringValue("Team")), new("arch", new StringValue("riscv"))]), UnknownInputs.Fail);

        Assert.Empty(failures);
        Assert.Equal("i-1", pinned!.Lookup.Id);
        Assert.Equal("DEDICATED", pinned.Lookup.Filters.Type);
        Assert.Equal(["NOTEBOOK", "JUPYTER"], pinned.Lookup.Filters.DevServices);
        Assert.Equal("v", pinned.Keepers["k"]);
        Assert.Equal(["namespace", "arch"], refused.Select(f => f.Item1));
        Assert.Contains("use \"team\"", refused[0].Item2);
        Assert.Equal("\"riscv\" is not one of X86_64, AARCH64", refused[1].Item2);
    }

    private const string Attributes = """
        namespace ModelArts.Provider.Functions.Framework
        {
            [System.AttributeUsage(System.AttributeTargets.Property)]
            internal sealed class InputAttribute(string description) : System.Attribute
            {
                public string Description { get; } = description;
                public string? Validate { get; set; }
            }
        }
        """;

    private static IReadOnlyList<Diagnostic> Generate(string source)
    {
        var compilation = CSharpCompilation.Create("probe",
            [CSharpSyntaxTree.ParseText(Attributes), CSharpSyntaxTree.ParseText(source)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create(new ModelArts.InputGenerator.InputGenerator()).RunGenerators(compilation);
        return driver.GetRunResult().Diagnostics;
    }

    [Theory]
    [InlineData("public int Count { get; init; }", "Probe.Count is a int; [Input] supports string, bool")]
    [InlineData("public bool? On { get; init; }", "Probe.On: Validate does not apply to a BoolInput")]
    public void AnInputTheGeneratorCannotWrite_IsABuildError_NamingTheProperty(string property, string message)
    {
        var validate = property.Contains("bool") ? ", Validate = \"Check\"" : "";
        var diagnostic = Assert.Single(Generate($$"""
            using ModelArts.Provider.Functions.Framework;
            internal sealed partial record Probe
            {
                [Input("doc"{{validate}})]
                {{property}}
            }
            """));

        Assert.Equal(("MAINPUT001", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.StartsWith(message, diagnostic.GetMessage());
    }
}
