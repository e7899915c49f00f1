using System.Net;
using ModelArts.IntegrationTests.Support;
using ModelArts.Provider.ModelArtsApi;

namespace ModelArts.IntegrationTests.ModelArtsApi;

/// <summary>
/// Every fault the emulator can inject, against the real client over loopback: each ends in the correct
/// result or a clear error carrying HTTP status, error code and request id.
/// </summary>
[Collection("emulator")]
public sealed class FaultMatrixTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Emulator.GenerateAsync(1000); // 5 pages of 200
    }

    private ModelArtsClient Client(int maxRetries = 3, double timeoutSeconds = 5) => Emulator.CreateClient(maxRetries: maxRetries, timeoutSeconds: timeoutSeconds);

    private async Task<IReadOnlyList<string?>> ListIds(ModelArtsClient client) =>
        (await client.ListImagesAsync(new ImageListQuery(), CancellationToken.None)).Select(i => i.Id).ToList();

    private async Task<IReadOnlyList<string?>> Expected()
    {
        await Emulator.SetFaultsAsync(new { });
        using var client = Client();
        return await ListIds(client);
    }

    public static TheoryData<string, object> TransientFaults => new()
    {
        { "429 burst with Retry-After", new { failFirst = 3, failStatus = 429, retryAfterSeconds = 1 } },
        { "429 burst without Retry-After", new { failFirst = 2, failStatus = 429 } },
        { "500", new { failFirst = 2, failStatus = 500 } },
        { "502", new { failFirst = 1, failStatus = 502, errorShape = "code-message" } },
        { "503 nested error body", new { failFirst = 2, failStatus = 503, errorShape = "nested" } },
        { "503 plain-text body", new { failFirst = 1, failStatus = 503, errorShape = "text" } },
        { "every 3rd request 503", new { failEvery = 3, failStatus = 503 } },
        { "HTML error page", new { failFirst = 2, failMode = "html" } },
        { "truncated JSON on 200", new { failFirst = 2, failMode = "malformed" } },
        { "connection dropped before the response", new { failFirst = 2, failMode = "drop" } },
        { "connection dropped mid-body", new { failFirst = 2, failMode = "drop-mid-body" } },
        { "a timeout (server hangs)", new { failFirst = 1, failMode = "hang", hangMs = 10_000 } },
        { "pages answered out of order", new { jitterMs = 30 } },
    };

    [Theory]
    [MemberData(nameof(TransientFaults))]
    public async Task TransientFault_EndsInTheCorrectResult(string fault, object settings)
    {
        var expected = await Expected();
        await Emulator.SetFaultsAsync(settings);
        using var client = Client(maxRetries: 4, timeoutSeconds: 1);

        var ids = await ListIds(client);

        Assert.True(expected.SequenceEqual(ids), fault);
        Assert.Equal(1000, ids.Distinct().Count());
    }

    public static TheoryData<string, object, HttpStatusCode?, string?> PersistentFaults => new()
    {
        { "429 forever", new { failEvery = 1, failStatus = 429, retryAfterSeconds = 0 }, HttpStatusCode.TooManyRequests, "APIG.0308" },
        { "503 forever", new { failEvery = 1, failStatus = 503 }, HttpStatusCode.ServiceUnavailable, "ModelArts.0010" },
        { "HTML error page forever", new { failEvery = 1, failMode = "html" }, HttpStatusCode.BadGateway, null },
        { "truncated JSON forever", new { failEvery = 1, failMode = "malformed" }, HttpStatusCode.OK, null },
        { "dropped connection forever", new { failEvery = 1, failMode = "drop" }, null, null },
    };

    [Theory]
    [MemberData(nameof(PersistentFaults))]
    public async Task PersistentFault_ClearErrorWithStatusCodeAndRequestId(string fault, object settings, HttpStatusCode? status, string? code)
    {
        await Emulator.SetFaultsAsync(settings);
        using var client = Client(maxRetries: 2, timeoutSeconds: 2);

        var error = await Assert.ThrowsAsync<ModelArtsApiException>(() => client.ListImagesAsync(new ImageListQuery(), CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.ErrorCode);
        Assert.Contains(status is null ? "no HTTP response" : $"HTTP {(int)status}", error.Message);
        if (status is not null)
        {
            Assert.Matches("^[0-9a-f]{32}$", error.RequestId);
            Assert.Contains(error.RequestId!, error.Message);
        }

        Assert.Equal(3, await Emulator.ListRequestsAsync()); // first attempt + 2 retries, then a clear failure
        Assert.DoesNotContain(EmulatorProcess.SecretKey, error.ToString());
        _ = fault;
    }

    [Fact]
    public async Task PersistentTimeout_FailsAfterRetries_NamingTheTimeout()
    {
        await Emulator.SetFaultsAsync(new { failEvery = 1, failMode = "hang", hangMs = 10_000 });
        using var client = Client(maxRetries: 1, timeoutSeconds: 0.5);

        var error = await Assert.ThrowsAsync<ModelArtsApiException>(() => client.ListImagesAsync(new ImageListQuery(), CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.Contains("no answer within 0.5 s", error.Message);
    }

    [Fact]
    public async Task CatalogGrowingDuringListing_NoDuplicates_NothingLost()
    {
        var before = await Expected();
        await Emulator.SetFaultsAsync(new { growPerRequest = 7, jitterMs = 20 });
        using var client = Client();

        var ids = await ListIds(client);

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Empty(before.Except(ids));
    }

    [Fact]
    public async Task DuplicateIdsAcrossPages_AreDropped()
    {
        await Emulator.SetFaultsAsync(new { duplicateAcrossPages = true });
        using var client = Client();

        var ids = await ListIds(client);

        Assert.Equal(1000, ids.Count);
        Assert.Equal(1000, ids.Distinct().Count());
    }

    [Fact]
    public async Task PageOffsetPastTheEnd_IsTheEndNotAnError()
    {
        await Emulator.GenerateAsync(33);
        using var client = Client();

        Assert.Equal(33, (await ListIds(client)).Count);
        Assert.Equal(1, await Emulator.ListRequestsAsync());
    }
}
