using Microsoft.Extensions.Time.Testing;
using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.Policy;

namespace ModelArts.UnitTests.Policy;

public sealed class PolicyEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static ImageDto Image(string id = "id-1", string? name = "pytorch2.1-cuda", string? ns = "atelier", string? type = "BUILD_IN",
        string? swr = "swr.cn-north-4.myhuaweicloud.com/atelier/pytorch:1", DateTimeOffset? created = null) => new()
    {
        Id = id, Name = name, Namespace = ns, Type = type, SwrPath = swr, Tag = "1",
        CreateAt = (created ?? Now.AddDays(-10)).ToUnixTimeMilliseconds(),
    };

    private static IReadOnlyList<string> Rules(ImagePolicy policy, ImageDto image) =>
        new PolicyEvaluator(policy, new FakeTimeProvider(Now)).Check(image).Select(b => b.Rule).ToList();

    [Fact]
    public void NoRules_AllowsEverything() => Assert.Empty(Rules(ImagePolicy.None, Image(name: null, ns: null, type: null, swr: null)));

    [Fact]
    public void AllowedIds_ExactMatchOnly()
    {
        var policy = new ImagePolicy { AllowedIds = ["id-1"] };
        Assert.Empty(Rules(policy, Image("id-1")));
        Assert.Equal(["allowedIds"], Rules(policy, Image("ID-1")));
        Assert.Equal(["allowedIds"], Rules(policy, Image("id-10")));
    }

    [Fact]
    public void AllowedNamespaces_MissingNamespaceBreaks()
    {
        var policy = new ImagePolicy { AllowedNamespaces = ["atelier"] };
        Assert.Empty(Rules(policy, Image(ns: "atelier")));
        Assert.Equal(["allowedNamespaces"], Rules(policy, Image(ns: "team-nlp")));
        var breach = new PolicyEvaluator(policy, new FakeTimeProvider(Now)).Check(Image(ns: null)).Single();
        Assert.Contains("has no namespace", breach.Reason);
    }

    [Theory]
    [InlineData("pytorch*", "pytorch2.1-cuda", true)]
    [InlineData("pytorch*", "tensorflow", false)]
    [InlineData("*cuda", "pytorch2.1-cuda", true)]
    [InlineData("*cuda*", "pytorch2.1-cuda", true)]
    [InlineData("pytorch?.1-cuda", "pytorch2.1-cuda", true)]
    [InlineData("pytorch?.1-cuda", "pytorch12.1-cuda", false)]
    [InlineData("*", "", true)]
    [InlineData("?", "", false)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("py.orch*", "pytorch", false)]
    [InlineData("PYTORCH*", "pytorch", false)]
    public void Glob_StarAndQuestionMark(string pattern, string name, bool matches) => Assert.Equal(matches, Glob.IsMatch(pattern, name));

    [Fact]
    public void Glob_PathologicalPattern_IsFast()
    {
        var text = new string('a', 5000);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(Glob.IsMatch("*a*a*a*a*a*a*a*b", text));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5)); // a backtracking regex would take ages here
    }

    [Fact]
    public void AllowedNamePatterns_AnyPatternSuffices_MissingNameBreaks()
    {
        var policy = new ImagePolicy { AllowedNamePatterns = ["tensorflow*", "pytorch*"] };
        Assert.Empty(Rules(policy, Image(name: "pytorch2.1-cuda")));
        Assert.Equal(["allowedNamePatterns"], Rules(policy, Image(name: "mindspore")));
        Assert.Equal(["allowedNamePatterns"], Rules(policy, Image(name: null)));
    }

    [Fact]
    public void AllowedTypes_CaseInsensitive_MissingTypeBreaks()
    {
        var policy = new ImagePolicy { AllowedTypes = ["build_in"] };
        Assert.Empty(Rules(policy, Image(type: "BUILD_IN")));
        Assert.Equal(["allowedTypes"], Rules(policy, Image(type: "DEDICATED")));
        Assert.Equal(["allowedTypes"], Rules(policy, Image(type: null)));
    }

    [Fact]
    public void AllowedSwrPathPrefixes_PrefixOnly()
    {
        var policy = new ImagePolicy { AllowedSwrPathPrefixes = ["swr.cn-north-4.myhuaweicloud.com/atelier/"] };
        Assert.Empty(Rules(policy, Image()));
        Assert.Equal(["allowedSwrPathPrefixes"], Rules(policy, Image(swr: "evil.example/swr.cn-north-4.myhuaweicloud.com/atelier/x")));
        Assert.Equal(["allowedSwrPathPrefixes"], Rules(policy, Image(swr: null)));
    }

    [Fact]
    public void MaxAgeDays_ExactlyAtBoundaryIsAllowed_OneMillisecondOlderIsNot()
    {
        var policy = new ImagePolicy { MaxAgeDays = 30 };
        Assert.Empty(Rules(policy, Image(created: Now.AddDays(-30))));
        Assert.Equal(["maxAgeDays"], Rules(policy, Image(created: Now.AddDays(-30).AddMilliseconds(-1))));
        Assert.Empty(Rules(policy, Image(created: Now.AddDays(1)))); // clock skew: a future image is not "old"
    }

    [Fact]
    public void MaxAgeDays_Zero_AllowsOnlyImagesCreatedNow() =>
        Assert.Equal(["maxAgeDays"], Rules(new ImagePolicy { MaxAgeDays = 0 }, Image(created: Now.AddSeconds(-1))));

    [Fact]
    public void MaxAgeDays_MissingCreationTime_Breaks()
    {
        var breach = new PolicyEvaluator(new ImagePolicy { MaxAgeDays = 5 }, new FakeTimeProvider(Now)).Check(Image() with { CreateAt = null }).Single();
        Assert.Equal("maxAgeDays", breach.Rule);
        Assert.Contains("no creation time", breach.Reason);
    }

    [Fact]
    public void EveryRuleBroken_IsReportedOnce_InFixedOrder()
    {
        var policy = new ImagePolicy
        {
            AllowedIds = ["other"], AllowedNamespaces = ["platform"], AllowedNamePatterns = ["conda*"],
            AllowedTypes = ["DEDICATED"], AllowedSwrPathPrefixes = ["registry.internal/"], MaxAgeDays = 1,
        };

        Assert.Equal(["allowedIds", "allowedNamespaces", "allowedNamePatterns", "allowedTypes", "allowedSwrPathPrefixes", "maxAgeDays"], Rules(policy, Image()));
    }

    [Fact]
    public void Combination_AllowedOnlyWhenEverySetRulePasses()
    {
        var policy = new ImagePolicy { AllowedNamespaces = ["atelier"], AllowedNamePatterns = ["pytorch*"], MaxAgeDays = 365 };
        Assert.Empty(Rules(policy, Image()));
        Assert.Equal(["allowedNamePatterns"], Rules(policy, Image(name: "tensorflow")));
        Assert.Equal(["allowedNamespaces", "maxAgeDays"], Rules(policy, Image(ns: "x", created: Now.AddDays(-400))));
    }

    [Fact]
    public void Reasons_SayWhatToChange()
    {
        var breach = new PolicyEvaluator(new ImagePolicy { AllowedNamespaces = ["atelier", "platform"] }, new FakeTimeProvider(Now))
            .Check(Image(ns: "team-nlp")).Single();
        Assert.Equal("namespace \"team-nlp\" is not in allowedNamespaces [atelier, platform]", breach.Reason);
        var old = new PolicyEvaluator(new ImagePolicy { MaxAgeDays = 30 }, new FakeTimeProvider(Now)).Check(Image(created: Now.AddDays(-45))).Single();
        Assert.Equal("created 2026-10-13, 45 days ago, older than maxAgeDays 30", old.Reason);
    }

    [Theory]
    [InlineData("enforce", 1)]
    [InlineData("audit", 2)]
    public void Partition_EnforceDropsViolators_AuditKeepsThem_BothReportBreaches(string modeName, int allowedCount)
    {
        var mode = modeName == "audit" ? PolicyMode.Audit : PolicyMode.Enforce;
        var evaluator = new PolicyEvaluator(new ImagePolicy { Mode = mode, AllowedNamespaces = ["atelier"] }, new FakeTimeProvider(Now));

        var (allowed, breaches) = evaluator.Partition([Image("a"), Image("b", ns: "sandbox")]);

        Assert.Equal(allowedCount, allowed.Count);
        Assert.Equal("b", Assert.Single(breaches).Image.Id);
        Assert.Equal("a", allowed[0].Id);
    }
}
