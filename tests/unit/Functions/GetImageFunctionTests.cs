using Microsoft.Extensions.Time.Testing;
using Moq;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Functions.GetImage;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.Policy;
using ModelArts.Provider.Query;
using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.UnitTests.Functions;

public sealed class GetImageFunctionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private readonly Mock<IUserLog> _log = new();

    private IFunction Create(IReadOnlyList<ImageDto> catalog, ImagePolicy? policy = null)
    {
        var source = new Mock<IImageSource>();
        source.Setup(s => s.ListImagesAsync(It.IsAny<ImageListQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(catalog);
        var lookup = new ImageLookup(new ImageFinder(new ImageCatalog(source.Object)), new PolicyEvaluator(policy ?? ImagePolicy.None, new FakeTimeProvider(Now)), _log.Object);
        return GetImageFunction.Create(() => lookup);
    }

    private static ObjectValue Args(params (string, PropertyValue)[] pairs) => new(pairs.Select(p => new KeyValuePair<string, PropertyValue>(p.Item1, p.Item2)).ToList());

    private static ImageDto Image(string id, string ns = "atelier", long createAt = 1000) =>
        Query.Images.Make(id, "img-" + id, createAt) with { Namespace = ns, Type = "BUILD_IN" };

    [Fact]
    public async Task ApiListsNothing_FailureNamesTheServerSideFilter()
    {
        var outcome = await Create([]).InvokeAsync(Args(("namespace", new StringValue("nobody"))), CancellationToken.None);

        Assert.Equal("namespace", Assert.Single(outcome.Failures).Property);
        Assert.Contains("the API listed 0 images", outcome.Failures[0].Reason);
    }

    [Fact]
    public async Task NoFiltersAndNothingListed_BlamesType() =>
        Assert.Equal("type", Assert.Single((await Create([]).InvokeAsync(ObjectValue.Empty, CancellationToken.None)).Failures).Property);

    [Fact]
    public async Task Ambiguous_BlamesMostRecent_MostRecentPicksNewest()
    {
        var function = Create([Image("a", createAt: 1), Image("b", createAt: 2)]);

        Assert.Equal("mostRecent", Assert.Single((await function.InvokeAsync(ObjectValue.Empty, CancellationToken.None)).Failures).Property);
        var picked = await function.InvokeAsync(Args(("mostRecent", new BoolValue(true))), CancellationToken.None);
        Assert.Equal(new StringValue("b"), picked.Result!.Properties.Single(p => p.Key == "id").Value);
    }

    [Fact]
    public async Task Enforce_OnlyDisallowedMatch_FailsOnImagePolicy_AllowedOneIsPicked()
    {
        var policy = new ImagePolicy { AllowedNamespaces = ["atelier"] };
        var blocked = await Create([Image("x", ns: "sandbox")], policy).InvokeAsync(ObjectValue.Empty, CancellationToken.None);
        var mixed = await Create([Image("x", ns: "sandbox", createAt: 9), Image("ok", createAt: 1)], policy).InvokeAsync(Args(("mostRecent", new BoolValue(true))), CancellationToken.None);

        Assert.Equal("imagePolicy", Assert.Single(blocked.Failures).Property);
        Assert.Contains("allowedNamespaces", blocked.Failures[0].Reason);
        Assert.Equal(new StringValue("ok"), mixed.Result!.Properties.Single(p => p.Key == "id").Value);
    }

    [Fact]
    public async Task Audit_ReturnsTheImage_AndWarnsOncePerViolatingImage()
    {
        var policy = new ImagePolicy { Mode = PolicyMode.Audit, AllowedNamespaces = ["atelier"], MaxAgeDays = 1 };

        var outcome = await Create([Image("x", ns: "sandbox")], policy).InvokeAsync(ObjectValue.Empty, CancellationToken.None);

        Assert.Empty(outcome.Failures);
        _log.Verify(l => l.WarnAsync(It.Is<string>(m => m.Contains("img-x") && m.Contains("allowedNamespaces") && m.Contains("maxAgeDays")), It.IsAny<CancellationToken>()), Times.Once);
    }
}
