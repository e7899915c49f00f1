using System.Text.RegularExpressions;
using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.Query;
using static ModelArts.UnitTests.Query.Images;

namespace ModelArts.UnitTests.Query;

public sealed class ImageFinderTests
{
    private static readonly IReadOnlyList<ImageDto> Catalog =
    [
        Make("a", "pytorch-gpu", 3000, categories: ["GPU", "CPU"], services: ["NOTEBOOK", "SSH"]),
        Make("b", "pytorch-gpu-arm", 2500, arch: "aarch64", categories: ["GPU"]),
        Make("c", "pytorch-cpu", 2000),
        Make("d", "pytorch-gpu-new", 4000, status: "CREATING", categories: ["GPU"]),
        Make("e", "tensorflow", 1000, categories: ["ASCEND"], services: ["AI_FLOW"], visibility: "HIDDEN"),
        Make("f", "no-arch", 500, arch: null, tag: null),
    ];

    [Fact]
    public void Filter_DefaultStatuses_KeepsActiveOnly()
    {
        var result = ImageFinder.Filter(Catalog, new ImageCriteria());

        Assert.Equal(["a", "b", "c", "e", "f"], result.Matches.Select(i => i.Id));
        Assert.Equal(("statuses", 1), (result.Report.Removed.Single().Filter.Input, result.Report.Removed.Single().Removed));
    }

    [Fact]
    public void Filter_AnyStatus_KeepsEverything() =>
        Assert.Equal(6, ImageFinder.Filter(Catalog, new ImageCriteria { Statuses = ["*"] }).Matches.Count);

    [Fact]
    public void Filter_StatusesCaseInsensitive() =>
        Assert.Equal(["d"], ImageFinder.Filter(Catalog, new ImageCriteria { Statuses = ["creating"] }).Matches.Select(i => i.Id));

    [Fact]
    public void Filter_ArchComparedCaseInsensitively_MissingArchNeverMatches() =>
        Assert.Equal(["a", "c", "e"], ImageFinder.Filter(Catalog, new ImageCriteria { Arch = "X86_64" }).Matches.Select(i => i.Id));

    [Fact]
    public void Filter_ResourceCategoriesAndDevServices_RequireAll()
    {
        var criteria = new ImageCriteria { ResourceCategories = ["gpu", "CPU"], DevServices = ["ssh"] };

        Assert.Equal(["a"], ImageFinder.Filter(Catalog, criteria).Matches.Select(i => i.Id));
    }

    [Fact]
    public void Filter_UndocumentedDevService_Matches() =>
        Assert.Equal(["e"], ImageFinder.Filter(Catalog, new ImageCriteria { DevServices = ["AI_FLOW"] }).Matches.Select(i => i.Id));

    [Fact]
    public void Filter_NameAndTagRegex_MissingTagNeverMatches()
    {
        var criteria = new ImageCriteria { NameRegex = new Regex("^pytorch-gpu"), TagRegex = new Regex(".*") };

        Assert.Equal(["a", "b"], ImageFinder.Filter(Catalog, criteria).Matches.Select(i => i.Id));
        Assert.DoesNotContain("f", ImageFinder.Filter(Catalog, new ImageCriteria { TagRegex = new Regex(".*") }).Matches.Select(i => i.Id));
    }

    [Fact]
    public void Filter_Visibility_And_Id()
    {
        Assert.Equal(["e"], ImageFinder.Filter(Catalog, new ImageCriteria { Visibility = "hidden" }).Matches.Select(i => i.Id));
        Assert.Equal(["c"], ImageFinder.Filter(Catalog, new ImageCriteria { Id = "c" }).Matches.Select(i => i.Id));
    }

    [Fact]
    public void Report_CountsWhatEachFilterRemoved_InOrder()
    {
        var criteria = new ImageCriteria { Arch = "X86_64", ResourceCategories = ["GPU"] };

        var report = ImageFinder.Filter(Catalog, criteria).Report;

        Assert.Equal(6, report.Listed);
        Assert.Equal([("arch", 2), ("resourceCategories", 2), ("statuses", 1)], report.Removed.Select(r => (r.Filter.Input, r.Removed)));
        Assert.Equal("the API listed 6 images; arch=X86_64 removed 2, resourceCategories=[GPU] removed 2, statuses=[ACTIVE] removed 1", report.Describe());
    }

    [Fact]
    public void Order_NewestFirst_TiesByNameThenId_MissingTimeLast()
    {
        ImageDto[] images =
        [
            Make("2", "same", 100), Make("1", "same", 100), Make("0", "alpha", 100), Make("9", "zeta", 200), Make("x", "nodate", null),
        ];

        var sorted = images.Order(ImageOrder.Instance).Select(i => i.Id);

        Assert.Equal(["9", "0", "1", "2", "x"], sorted);
    }

    [Fact]
    public void Describe_RepeatsEveryCriterion()
    {
        var criteria = new ImageCriteria
        {
            Server = new(Name: "pytorch", NameFuzzyMatch: false, Namespace: "atelier", ServiceType: "TRAIN"),
            Arch = "X86_64", ResourceCategories = ["GPU"], DevServices = ["NOTEBOOK"], TagRegex = new Regex("^2"),
        };

        Assert.Equal(
            "name=\"pytorch\" (exact), namespace=\"atelier\", type=BUILD_IN (API default), serviceType=TRAIN, arch=X86_64, resourceCategories=[GPU], devServices=[NOTEBOOK], statuses=[ACTIVE], tagRegex=/^2/",
            criteria.Describe());
    }
}
