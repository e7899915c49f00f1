using ModelArts.Provider.Functions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Functions.GetImage;
using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.UnitTests.Functions;

public sealed class FunctionDecodingTests
{
    private static readonly Function<GetImageArgs, ModelArts.Provider.ModelArtsApi.Dto.ImageDto> GetImage =
        GetImageFunction.Create(() => throw new InvalidOperationException("decoding only"));

    private static ObjectValue Args(params (string Key, PropertyValue Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, PropertyValue>(p.Key, p.Value)).ToList());

    [Fact]
    public void Decode_AllInputs_IntoTypedArgs()
    {
        var (args, failures) = GetImage.Decode(Args(
            ("id", new StringValue("x")), ("mostRecent", new BoolValue(true)), ("name", new StringValue("pytorch")),
            ("type", new StringValue("dedicated")), ("arch", new StringValue("x86_64")),
            ("resourceCategories", new ArrayValue([new StringValue("gpu"), new StringValue("GPU")])),
            ("devServices", new ArrayValue([new StringValue("ai_flow")])), ("statuses", new ArrayValue([new StringValue("*")]))));

        Assert.Empty(failures);
        Assert.Equal("x", args!.Id);
        Assert.True(args.MostRecent);
        Assert.Equal("pytorch", args.Filters.Name);
        Assert.Equal("DEDICATED", args.Filters.Type);
        Assert.Equal("X86_64", args.Filters.Arch);
        Assert.Equal(["GPU"], args.Filters.ResourceCategories);
        Assert.Equal(["AI_FLOW"], args.Filters.DevServices);
        Assert.Equal(["*"], args.Filters.Statuses);
    }

    [Fact]
    public void Decode_SecretsUnwrapped_NullsIgnored_BoolsFromStrings()
    {
        var (args, failures) = GetImage.Decode(Args(("name", new SecretValue(new StringValue("conda3"))), ("visibility", NullValue.Instance),
            ("mostRecent", new StringValue("true"))));

        Assert.Empty(failures);
        Assert.Equal("conda3", args!.Filters.Name);
        Assert.Null(args.Filters.Visibility);
        Assert.True(args.MostRecent);
    }

    [Fact]
    public void Decode_EveryProblemReported()
    {
        var (_, failures) = GetImage.Decode(Args(("nmae", new StringValue("x")), ("arch", new StringValue("z80")),
            ("nameRegex", new StringValue("(")), ("statuses", UnknownValue.Instance)));

        Assert.Equal(["nmae", "arch", "nameRegex", "statuses"], failures.Select(f => f.Item1));
        Assert.Contains("did you mean \"name\"", failures[0].Item2);
    }

    [Fact]
    public void Decode_InvalidRegex_SaysWhichPatternWhatIsWrongAndTheFix()
    {
        var (_, failures) = GetImage.Decode(Args(("nameRegex", new StringValue("pytorch-(2"))));

        var reason = Assert.Single(failures).Item2;
        Assert.Equal("\"pytorch-(2\" is not a valid .NET regular expression: Not enough )'s (at offset 10); " +
            "escape ( ) [ ] { } . * + ? | ^ $ \\ with a backslash to match them literally", reason);
    }

    [Fact]
    public void Inputs_OfGetImage_AreGetImagesInputsPlusIdAndMostRecent()
    {
        var getImages = ModelArts.Provider.Functions.GetImages.GetImagesFunction.Create(() => throw new InvalidOperationException());

        Assert.Equal(["id", "mostRecent", .. getImages.InputSchema.Select(i => i.Name)], GetImage.InputSchema.Select(i => i.Name));
    }

    [Fact]
    public void ToCriteria_MapsServerAndClientFilters()
    {
        var criteria = new ImageFilterArgs { Name = "py", NameFuzzyMatch = false, NameRegex = "^py", Type = "DEDICATED" }.ToCriteria(id: "i1");

        Assert.Equal(new ModelArts.Provider.ModelArtsApi.ImageListQuery(Name: "py", NameFuzzyMatch: false, Type: "DEDICATED"), criteria.Server);
        Assert.Equal("i1", criteria.Id);
        Assert.Matches(criteria.NameRegex!, "pytorch");
    }

    [Fact]
    public void ToCriteria_NameFuzzyMatchTrue_IsTheSameListingAsAbsent()
    {
        var absent = new ImageFilterArgs { Name = "pytorch" }.ToCriteria();
        var explicitTrue = new ImageFilterArgs { Name = "pytorch", NameFuzzyMatch = true }.ToCriteria();

        Assert.Equal(absent.Server, explicitTrue.Server);
        Assert.DoesNotContain(explicitTrue.Server.ToParameters(200, 0), p => p.Key == "name_fuzzy_match");
    }
}
