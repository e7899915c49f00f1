using ModelArts.Provider.Policy;

namespace ModelArts.UnitTests.Policy;

public sealed class ImagePolicyParserTests
{
    [Fact]
    public void Parse_FullPolicy()
    {
        var result = ImagePolicyParser.Parse("""
            {"mode":"audit","allowedIds":["a"],"allowedNamespaces":["atelier"],"allowedNamePatterns":["py*"],
             "allowedTypes":["build_in"],"allowedSwrPathPrefixes":["swr."],"maxAgeDays":90}
            """);

        Assert.Empty(result.Failures);
        var p = result.Policy!;
        Assert.Equal(PolicyMode.Audit, p.Mode);
        Assert.Equal(["a"], p.AllowedIds!);
        Assert.Equal(["py*"], p.AllowedNamePatterns!);
        Assert.Equal(90, p.MaxAgeDays);
    }

    [Fact]
    public void Parse_EmptyObject_IsEnforceWithNoRules()
    {
        var p = ImagePolicyParser.Parse("{}").Policy!;
        Assert.Equal(PolicyMode.Enforce, p.Mode);
        Assert.False(p.HasRules);
    }

    [Theory]
    [InlineData("{\"allowedNamespace\":[\"a\"]}", "imagePolicy.allowedNamespace", "did you mean \"allowedNamespaces\"")]
    [InlineData("{\"mode\":\"strict\"}", "imagePolicy.mode", "unknown mode \"strict\"")]
    [InlineData("{\"mode\":true}", "imagePolicy.mode", "not a boolean")]
    [InlineData("{\"maxAgeDays\":-1}", "imagePolicy.maxAgeDays", "zero or more")]
    [InlineData("{\"maxAgeDays\":\"30\"}", "imagePolicy.maxAgeDays", "must be a whole number of days, not a string")]
    [InlineData("{\"maxAgeDays\":1.5}", "imagePolicy.maxAgeDays", "whole number of days")]
    [InlineData("{\"allowedIds\":\"a\"}", "imagePolicy.allowedIds", "must be a list of strings")]
    [InlineData("{\"allowedIds\":[]}", "imagePolicy.allowedIds", "empty list")]
    [InlineData("{\"allowedNamePatterns\":[\"\"]}", "imagePolicy.allowedNamePatterns[0]", "must not be empty")]
    [InlineData("{\"allowedNamePatterns\":[\"ok\", 3]}", "imagePolicy.allowedNamePatterns[1]", "must be a string")]
    [InlineData("{\"allowedTypes\":[\"PUBLIC\"]}", "imagePolicy.allowedTypes", "BUILD_IN or DEDICATED")]
    [InlineData("[1,2]", "imagePolicy", "must be a JSON object, not a list")]
    [InlineData("{\"mode\":", "imagePolicy", "not valid JSON")]
    [InlineData("enforce", "imagePolicy", "not valid JSON")]
    public void Parse_BadInput_FailsNamingTheKey(string json, string key, string reason)
    {
        var result = ImagePolicyParser.Parse(json);

        Assert.Null(result.Policy);
        Assert.Contains(result.Failures, f => f.Key == key && f.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralProblems_AllReported() =>
        Assert.Equal(3, ImagePolicyParser.Parse("{\"mode\":\"x\",\"maxAgeDays\":-2,\"nope\":1}").Failures.Count);

    [Fact]
    public void Parse_DeeplyNestedJson_FailsWithoutThrowing() =>
        Assert.NotEmpty(ImagePolicyParser.Parse(new string('[', 10_000) + new string(']', 10_000)).Failures);
}
