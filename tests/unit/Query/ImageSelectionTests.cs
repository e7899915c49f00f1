using ModelArts.Provider.Query;
using static ModelArts.UnitTests.Query.Images;

namespace ModelArts.UnitTests.Query;

public sealed class ImageSelectionTests
{
    private static readonly FilterReport Report = new(10, []);

    [Fact]
    public void PickOne_None_RepeatsCriteriaAndCounts()
    {
        var criteria = new ImageCriteria { Arch = "AARCH64" };
        var report = ImageFinder.Filter([Make("a"), Make("b")], criteria).Report;

        var failed = Assert.IsType<ImageSelection.Failed>(ImageSelection.PickOne([], false, criteria, report));

        Assert.Contains("no image matches", failed.Message);
        Assert.Contains("arch=AARCH64", failed.Message);
        Assert.Contains("the API listed 2 images; arch=AARCH64 removed 2, statuses=[ACTIVE] removed 0", failed.Message);
    }

    [Fact]
    public void PickOne_Single_IsSelected() =>
        Assert.Equal("a", Assert.IsType<ImageSelection.Selected>(ImageSelection.PickOne([Make("a")], false, new(), Report)).Image.Id);

    [Fact]
    public void PickOne_SeveralWithoutMostRecent_ListsCandidatesAndSuggestsFix()
    {
        var candidates = Enumerable.Range(0, 7).Select(i => Make($"id{i}", $"n{i}", 1000 - i, tag: $"t{i}")).ToList();

        var failed = Assert.IsType<ImageSelection.Failed>(ImageSelection.PickOne(candidates, false, new(), Report));

        Assert.StartsWith("7 images match", failed.Message);
        Assert.Contains("n0:t0 (id0), n1:t1 (id1), n2:t2 (id2), n3:t3 (id3), n4:t4 (id4) and 2 more", failed.Message);
        Assert.Contains("mostRecent: true", failed.Message);
    }

    [Fact]
    public void PickOne_SeveralWithMostRecent_TakesFirstInOrder()
    {
        var candidates = new[] { Make("b", "same", 5), Make("a", "same", 5), Make("c", "older", 1) }.Order(ImageOrder.Instance).ToList();

        var selected = Assert.IsType<ImageSelection.Selected>(ImageSelection.PickOne(candidates, true, new(), Report));

        Assert.Equal("a", selected.Image.Id);
    }
}
