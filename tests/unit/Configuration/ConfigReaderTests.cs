using ModelArts.Provider.Configuration;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.Policy;
using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.UnitTests.Configuration;

public sealed class ConfigReaderTests
{
    private const string Sk = TestFixtures.TestCredentials.SecretKey;

    private static ObjectValue Config(params (string Key, PropertyValue Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, PropertyValue>(p.Key, p.Value)).ToList());

    private const string Project = TestFixtures.TestCredentials.ProjectId, EnvProject = "fedcba9876543210fedcba9876543210";

    private static StringValue S(string s) => new(s);

    private static ConfigReader.Result Read(ObjectValue values, Dictionary<string, string>? env = null) =>
        new ConfigReader(name => env is not null && env.TryGetValue(name, out var v) ? v : null).Read(values);

    private static readonly (string, PropertyValue)[] Valid =
        [("region", S("cn-north-4")), ("projectId", S(Project)), ("accessKey", S("AK")), ("secretKey", new SecretValue(S(Sk)))];

    [Fact]
    public void Valid_AkSk_DefaultsApply()
    {
        var config = Read(Config(Valid)).Config!;

        Assert.Equal(new Uri("https://modelarts.cn-north-4.myhuaweicloud.com/"), config.Endpoint);
        Assert.Equal(new AkSkCredentials("AK", Sk, null), config.Credentials);
        Assert.Equal(5, config.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(30), config.RequestTimeout);
        Assert.False(config.Insecure);
        Assert.Same(ImagePolicy.None, config.ImagePolicy);
        Assert.DoesNotContain(Sk, config.ToString());
    }

    [Fact]
    public void NumbersAndBooleans_ArriveAsStrings()
    {
        var config = Read(Config([.. Valid, ("maxRetries", S("0")), ("requestTimeoutSeconds", S("120")), ("insecure", S("true"))])).Config!;

        Assert.Equal((0, TimeSpan.FromMinutes(2), true), (config.MaxRetries, config.RequestTimeout, config.Insecure));
    }

    [Fact]
    public void Environment_FirstSetVariableWins_StackConfigWinsOverAll()
    {
        var env = new Dictionary<string, string>
        {
            ["OS_REGION_NAME"] = "cn-east-3", ["HUAWEICLOUD_SDK_REGION"] = "ap-southeast-3", ["HW_PROJECT_ID"] = EnvProject,
            ["HUAWEICLOUD_SDK_AK"] = "env-ak", ["OS_SECRET_KEY"] = "env-sk", ["HW_MAX_RETRIES"] = "2",
        };

        var fromEnv = Read(Config(), env).Config!;
        var overridden = Read(Config(("region", S("cn-north-4")), ("maxRetries", S("9"))), env).Config!;

        Assert.Equal("cn-east-3", fromEnv.Region);
        Assert.Equal(EnvProject, fromEnv.ProjectId);
        Assert.Equal(new AkSkCredentials("env-ak", "env-sk", null), fromEnv.Credentials);
        Assert.Equal(2, fromEnv.MaxRetries);
        Assert.Equal(("cn-north-4", 9), (overridden.Region, overridden.MaxRetries));
    }

    [Fact]
    public void EndpointOverride_MakesRegionOptional()
    {
        var config = Read(Config(("endpoint", S("http://127.0.0.1:9999")), ("projectId", S(Project)), ("authToken", S("tok")))).Config!;

        Assert.Equal(new Uri("http://127.0.0.1:9999/"), config.Endpoint);
        Assert.IsType<TokenCredentials>(config.Credentials);
    }

    [Fact]
    public void NothingSet_EveryMissingKeyNamed_WithEnvironmentVariables()
    {
        var failures = Read(Config()).Failures;

        Assert.Equal(["region", "projectId", "accessKey", "secretKey"], failures.Select(f => f.Key));
        Assert.All(failures, f => Assert.True(f.Missing));
        Assert.Contains("HW_PROJECT_ID", failures.Single(f => f.Key == "projectId").Reason);
        Assert.Contains("HW_AUTH_TOKEN", failures.Single(f => f.Key == "accessKey").Reason);
        Assert.Contains("pulumi config set --secret modelarts:accessKey", failures.Single(f => f.Key == "accessKey").Reason);
    }

    [Fact]
    public void AccessKeyWithoutSecretKey_NamesSecretKey() =>
        Assert.Equal(["secretKey"], Read(Config(("region", S("cn-north-4")), ("projectId", S(Project)), ("accessKey", S("AK")))).Failures.Select(f => f.Key));

    [Fact]
    public void BothAkSkAndToken_IsAmbiguous() =>
        Assert.Contains("only one way", Read(Config([.. Valid, ("authToken", S("t"))])).Failures.Single().Reason);

    [Theory]
    [InlineData("maxRetries", "-1", "whole number from 0 to 20")]
    [InlineData("maxRetries", "21", "whole number from 0 to 20")]
    [InlineData("maxRetries", "2.5", "whole number")]
    [InlineData("requestTimeoutSeconds", "0", "from 1 to 600")]
    [InlineData("insecure", "yes", "true or false")]
    [InlineData("endpoint", "ftp://x", "not an http(s) base URL")]
    [InlineData("endpoint", "not a url", "not an http(s) base URL")]
    [InlineData("region", "CN North 4", "not a region name")]
    [InlineData("regoin", "cn-north-4", "did you mean \"region\"")]
    [InlineData("imagePolicy", "{\"mode\":\"x\"}", "unknown mode")]
    public void BadValue_FailsNamingItsKey(string key, string value, string reason)
    {
        var failures = Read(Config([.. Valid.Where(v => v.Item1 != key), (key, S(value))])).Failures;

        Assert.Contains(failures, f => (f.Key == key || f.Key.StartsWith(key + ".", StringComparison.Ordinal)) && f.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void WrongTypeForSecret_NeverEchoesTheValue()
    {
        var failures = Read(Config(("region", S("cn-north-4")), ("projectId", S(Project)), ("accessKey", S("AK")),
            ("secretKey", new ArrayValue([S(Sk)])))).Failures;

        Assert.Contains(failures, f => f.Key == "secretKey" && f.Reason.Contains("expected a string, got a list"));
        Assert.DoesNotContain(failures, f => f.Reason.Contains(Sk));
    }

    [Fact]
    public void ImagePolicy_AsJsonTextOrObject()
    {
        var text = Read(Config([.. Valid, ("imagePolicy", S("{\"mode\":\"audit\",\"allowedTypes\":[\"BUILD_IN\"]}"))])).Config!;
        var obj = Read(Config([.. Valid, ("imagePolicy", new ObjectValue([new("mode", S("audit")), new("allowedTypes", new ArrayValue([S("BUILD_IN")]))]))])).Config!;

        Assert.Equal(PolicyMode.Audit, text.ImagePolicy.Mode);
        Assert.Equal(text.ImagePolicy.AllowedTypes, obj.ImagePolicy.AllowedTypes);
        Assert.Equal(PolicyMode.Audit, obj.ImagePolicy.Mode);
    }

    [Fact]
    public void EngineKeys_AndNamespacedKeys_AreAccepted()
    {
        var result = Read(Config(("version", S("0.1.0")), ("modelarts:config:region", S("cn-north-4")), ("modelarts:projectId", S(Project)),
            ("accessKey", S("a")), ("secretKey", S("b"))));

        Assert.Empty(result.Failures);
    }

    [Fact]
    public void UnknownValue_IsAFailureNotAGuess() =>
        Assert.Contains("not known yet", Read(Config([.. Valid.Where(v => v.Item1 != "region"), ("region", UnknownValue.Instance)])).Failures.Single().Reason);

    [Theory]
    [InlineData("p1")]
    [InlineData("../../_emulator/stats?")]
    [InlineData("0A1B2C3D4E5F60718293A4B5C6D7E8F")]
    public void ProjectId_MustBe32HexCharacters_AndTheMessageSaysWhereItCameFrom(string projectId)
    {
        var failures = Read(Config(("region", S("cn-north-4")), ("accessKey", S("AK")), ("secretKey", S(Sk))), new() { ["HW_PROJECT_ID"] = projectId }).Failures;
        var reason = failures.Single(f => f.Key == "projectId").Reason;
        Assert.Contains("32 hexadecimal characters", reason);
        Assert.Contains("environment variable HW_PROJECT_ID", reason);
    }

    [Fact]
    public void Endpoint_WithUserInfo_IsRefused_AndTheUserInfoIsNeverEchoed()
    {
        var failures = Read(Config([.. Valid, ("endpoint", S("https://admin:hunter2@modelarts.example.com/x"))])).Failures;
        var reason = failures.Single(f => f.Key == "endpoint").Reason;
        Assert.Contains("must not carry user info", reason);
        Assert.Contains("https://modelarts.example.com/x", reason);
        Assert.DoesNotContain("hunter2", reason);
        Assert.DoesNotContain("admin", reason);
    }

    [Fact]
    public void SecurityTokenAlone_SaysAkAndSkAreMissing_NotThatEitherRequiresTheOther()
    {
        var failures = Read(Config(("region", S("cn-north-4")), ("projectId", S(Project))), new() { ["HW_SECURITY_TOKEN"] = "tok" }).Failures;
        var reasons = string.Join("\n", failures.Select(f => $"{f.Key} {f.Reason}"));
        Assert.Contains("securityToken (from environment variable HW_SECURITY_TOKEN) is one part of temporary AK/SK credentials", reasons);
        Assert.DoesNotContain("required with secretKey", reasons);
    }

    [Fact]
    public void NoCredentials_ReadsAsEnglish_NamingBothWays()
    {
        var reasons = string.Join("\n", Read(Config(("region", S("cn-north-4")), ("projectId", S(Project)))).Failures.Select(f => $"{f.Key} {f.Reason}"));
        Assert.StartsWith("accessKey is required, with secretKey, for AK/SK signing (environment: HW_ACCESS_KEY, OS_ACCESS_KEY or HUAWEICLOUD_SDK_AK; " +
            "secretKey: HW_SECRET_KEY, OS_SECRET_KEY or HUAWEICLOUD_SDK_SK), unless an IAM token is set as authToken (environment: HW_AUTH_TOKEN).", reasons);
        Assert.Contains("secretKey is required with accessKey (see accessKey)", reasons);
    }

    [Fact]
    public void NoCredentials_NamesEachEnvironmentVariableOnce_InAShortMessage()
    {
        var failures = Read(Config(("region", S("cn-north-4")), ("projectId", S(Project)))).Failures;
        var all = string.Join("; ", failures.Select(f => $"{f.Key} {f.Reason}"));

        foreach (var variable in new[] { "HW_ACCESS_KEY", "OS_ACCESS_KEY", "HUAWEICLOUD_SDK_AK", "HW_SECRET_KEY", "OS_SECRET_KEY", "HUAWEICLOUD_SDK_SK", "HW_AUTH_TOKEN" })
        {
            Assert.Equal(1, (all.Length - all.Replace(variable, "").Length) / variable.Length);
        }

        Assert.True(all.Length < 500, $"{all.Length} characters: {all}");
    }

    [Fact]
    public void AkSkAndTokenBoth_SayWhereEachCameFrom()
    {
        var reason = Read(Config([.. Valid]), new() { ["HW_AUTH_TOKEN"] = "tok" }).Failures.Single(f => f.Key == "authToken").Reason;
        Assert.Contains("accessKey from stack config modelarts:accessKey", reason);
        Assert.Contains("authToken (from environment variable HW_AUTH_TOKEN)", reason);
    }
}
