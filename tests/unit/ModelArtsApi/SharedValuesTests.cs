using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.UnitTests.ModelArtsApi;

/// <summary>Repeating fields are read once per distinct value, and read exactly as System.Text.Json reads them.</summary>
[Collection(nameof(SharedValuesTests))] // the pool is process-wide: no other test class may fill or clear it meanwhile
public sealed class SharedValuesTests
{
    private static ImagePage Page(string imagesJson) =>
        JsonSerializer.Deserialize("{\"data\":" + imagesJson + "}", ApiJsonContext.Default.ImagePage)!;

    [Fact]
    public void RepeatedValues_AcrossImages_AreOneInstance()
    {
        var images = Page("""[{"arch":"x86_64","status":"ACTIVE","dev_services":["NOTEBOOK","SSH"]},{"arch":"x86_64","status":"ACTIVE","dev_services":["NOTEBOOK","SSH"]}]""").Data!;

        Assert.Same(images[0]!.Arch, images[1]!.Arch);
        Assert.Same(images[0]!.Status, images[1]!.Status);
        Assert.Same(images[0]!.DevServices, images[1]!.DevServices);
        Assert.Equal(["NOTEBOOK", "SSH"], images[1]!.DevServices!);
    }

    [Fact]
    public void EscapedAndLongValues_ReadAsWritten()
    {
        var long_ = new string('n', SharedValues.MaxLength + 10);
        var image = Page($$"""[{"namespace":"team\u002dnlp","status":"{{long_}}","resource_categories":["GPU",null]}]""").Data![0]!;

        Assert.Equal("team-nlp", image.Namespace);
        Assert.Equal(long_, image.Status);
        Assert.Equal(["GPU", ""], image.ResourceCategories!);
    }

    [Fact]
    public void ListsWhoseJoinedItemsLookAlike_AreNotMixedUp()
    {
        var images = Page("""[{"dev_services":["a\u001fb"]},{"dev_services":["a","b"]}]""").Data!;

        Assert.Equal(["a\u001fb"], images[0]!.DevServices!);
        Assert.Equal(["a", "b"], images[1]!.DevServices!);
    }

    [Theory]
    [InlineData("""[{"arch":7}]""", "expected a string, not a number at $.data[0].arch")]
    [InlineData("""[{"dev_services":"SSH"}]""", "expected a list of strings at $.data[0].dev_services")]
    [InlineData("""[{"dev_services":[true]}]""", "expected a string, not a boolean at $.data[0].dev_services")]
    public void WrongTypes_FailWithThePath(string images, string expected)
    {
        var error = Assert.Throws<JsonException>(() => Page(images));

        Assert.StartsWith(expected, Provider.Common.JsonErrors.Describe(error));
    }

    [Fact]
    public void AnyString_ReadsAsTheDefaultConverterReadsIt() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "").ToArbitrary(), s =>
        {
            var json = JsonSerializer.Serialize(s, ApiJsonContextStrings.Default.String);
            var read = Page($$"""[{"origin":{{json}},"dev_services":[{{json}}]}]""").Data![0]!;
            return read.Origin == s && read.DevServices!.Single() == s;
        }));

    [Fact]
    public void DistinctValues_BeyondTheBound_StillReadCorrectly_AndSharingStartsOver()
    {
        var images = string.Join(",", Enumerable.Range(0, SharedValues.MaxValues + 50).Select(i => $$"""{"workspace_id":"ws-bound-{{i}}"}"""));

        var read = Page("[" + images + "]").Data!;

        Assert.Equal($"ws-bound-{SharedValues.MaxValues + 49}", read[^1]!.WorkspaceId);
        Assert.Equal(SharedValues.MaxValues + 50, read.Select(i => i!.WorkspaceId).Distinct().Count());
        var after = Page("""[{"arch":"after-bound"},{"arch":"after-bound"}]""").Data!;
        Assert.Same(after[0]!.Arch, after[1]!.Arch);
    }
}

[CollectionDefinition(nameof(SharedValuesTests), DisableParallelization = true)]
public sealed class SharedValuesCollection;

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class ApiJsonContextStrings : System.Text.Json.Serialization.JsonSerializerContext;
