using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ModelArts.IntegrationTests.Support;

namespace ModelArts.IntegrationTests.Provider;

/// <summary>The plugin process against the emulator process: parallel load and API faults through the protocol.</summary>
[Collection("emulator")]
public sealed class ProviderResilienceTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private static Struct Args(params (string Key, Value Value)[] pairs)
    {
        var s = new Struct();
        foreach (var (k, v) in pairs) s.Fields[k] = v;
        return s;
    }

    private static Value List(params string[] items) => Value.ForList(items.Select(Value.ForString).ToArray());

    /// <summary>Twenty distinct lookups of both functions, including failures.</summary>
    private static readonly (string Token, Struct Args)[] Queries =
    [
        ("modelarts:index:getImages", Args()),
        ("modelarts:index:getImages", Args(("name", Value.ForString("pytorch")))),
        ("modelarts:index:getImages", Args(("name", Value.ForString("pytorch")), ("arch", Value.ForString("X86_64")), ("resourceCategories", List("GPU")), ("devServices", List("NOTEBOOK")))),
        ("modelarts:index:getImages", Args(("type", Value.ForString("DEDICATED")))),
        ("modelarts:index:getImages", Args(("type", Value.ForString("DEDICATED")), ("statuses", List("*")))),
        ("modelarts:index:getImages", Args(("type", Value.ForString("DEDICATED")), ("namespace", Value.ForString("team-vision")))),
        ("modelarts:index:getImages", Args(("serviceType", Value.ForString("TRAIN")))),
        ("modelarts:index:getImages", Args(("nameRegex", Value.ForString("^mindspore")), ("arch", Value.ForString("AARCH64")))),
        ("modelarts:index:getImages", Args(("tagRegex", Value.ForString("^tensorflow_")))),
        ("modelarts:index:getImages", Args(("devServices", List("AI_FLOW")))),
        ("modelarts:index:getImages", Args(("statuses", List("CREATING", "ERROR", "DELETED")))),
        ("modelarts:index:getImages", Args(("name", Value.ForString("nothing-like-this")))),
        ("modelarts:index:getImage", Args(("name", Value.ForString("pytorch")), ("serviceType", Value.ForString("TRAIN")), ("mostRecent", Value.ForBool(true)))),
        ("modelarts:index:getImage", Args(("name", Value.ForString("conda3-ubuntu22.04")), ("nameFuzzyMatch", Value.ForBool(false)))),
        ("modelarts:index:getImage", Args(("name", Value.ForString("tensorflow")))),
        ("modelarts:index:getImage", Args(("name", Value.ForString("pytorch")), ("arch", Value.ForString("AARCH64")), ("resourceCategories", List("GPU")))),
        ("modelarts:index:getImage", Args(("type", Value.ForString("DEDICATED")), ("mostRecent", Value.ForBool(true)))),
        ("modelarts:index:getImage", Args(("visibility", Value.ForString("HIDDEN")))),
        ("modelarts:index:getImages", Args(("arch", Value.ForString("x86")))),
        ("modelarts:index:getImages", Args(("nmae", Value.ForString("x")))),
    ];

    [Fact]
    public async Task TwoHundredParallelMixedInvokes_AllReturnTheSequentialAnswers()
    {
        var expected = new List<(Struct? Result, string Failures)>();
        using (var sequential = PluginProcess.Start())
        {
            await sequential.ConfigureAsync(Emulator);
            foreach (var (token, args) in Queries)
            {
                expected.Add(await sequential.InvokeAsync(token, args));
            }
        }

        Assert.Contains(expected, e => e.Result is not null);
        Assert.Contains(expected, e => e.Result is null);
        using var plugin = PluginProcess.Start();
        await plugin.ConfigureAsync(Emulator);

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => plugin.InvokeAsync(Queries[i % Queries.Length].Token, Queries[i % Queries.Length].Args))));

        for (var i = 0; i < answers.Length; i++)
        {
            Assert.Equal(expected[i % Queries.Length], answers[i]);
        }
    }

    public static TheoryData<string, object, StatusCode, string> Faults => new()
    {
        { "throttled on every attempt", new { failEvery = 1, failStatus = 429, retryAfterSeconds = 0 }, StatusCode.ResourceExhausted, "HTTP 429 TooManyRequests, error_code APIG.0308" },
        { "503 on every attempt", new { failEvery = 1, failStatus = 503 }, StatusCode.Unavailable, "HTTP 503 ServiceUnavailable, error_code ModelArts.0010" },
        { "HTML gateway page", new { failEvery = 1, failMode = "html" }, StatusCode.Unavailable, "HTTP 502 BadGateway" },
        { "truncated JSON", new { failEvery = 1, failMode = "malformed" }, StatusCode.Unavailable, "HTTP 200 OK" },
        { "dropped connections", new { failEvery = 1, failMode = "drop" }, StatusCode.Unavailable, "no HTTP response" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task ApiFault_ClearRpcError_ThenTheProviderServesTheNextCall(string fault, object settings, StatusCode code, string text)
    {
        using var plugin = PluginProcess.Start();
        await plugin.ConfigureAsync(Emulator);
        await Emulator.SetFaultsAsync(settings);

        var error = await Assert.ThrowsAsync<RpcException>(() => plugin.InvokeAsync("modelarts:index:getImages", Args(("name", Value.ForString("pytorch")))));

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(text, error.Status.Detail);
        Assert.Contains("request id", error.Status.Detail);
        Assert.DoesNotContain(EmulatorProcess.SecretKey, error.Status.Detail);
        await Emulator.SetFaultsAsync(new { });
        var next = await plugin.InvokeAsync("modelarts:index:getImages", Args(("name", Value.ForString("pytorch"))));
        Assert.True(next.Result is not null, fault);
    }

    [Fact]
    public async Task WrongSecretKey_Unauthenticated_OneRequest_NoSecretInError()
    {
        using var plugin = PluginProcess.Start();
        await plugin.ConfigureAsync(Emulator, secretKey: "definitely-wrong-secret-key");

        var error = await Assert.ThrowsAsync<RpcException>(() => plugin.InvokeAsync("modelarts:index:getImages", Args()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Matches("HTTP 401 Unauthorized, error_code APIG.0301, .*request id [0-9a-f]{32}", error.Status.Detail);
        Assert.DoesNotContain("definitely-wrong-secret-key", error.Status.Detail);
        Assert.Equal(0, await Emulator.ListRequestsAsync());
    }
}
