using System.Net;
using ModelArts.IntegrationTests.Support;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.Query;

namespace ModelArts.IntegrationTests.ModelArtsApi;

/// <summary>The real client against the emulator process: signing, paging, retries, errors.</summary>
[Collection("emulator")]
public sealed class ClientAgainstEmulatorTests(EmulatorFixture fixture) : EmulatorTest(fixture)
{
    private ModelArtsClient Client(ModelArtsCredentials? credentials = null, int maxRetries = 5, bool sequential = false) =>
        Emulator.CreateClient(credentials, maxRetries, sequential: sequential);

    [Fact]
    public async Task FiveThousandImages_ListedInExactly25Requests()
    {
        await Emulator.GenerateAsync(5000);
        using var client = Client();

        var images = await client.ListImagesAsync(new ImageListQuery(), CancellationToken.None);

        Assert.Equal(5000, images.Select(i => i.Id).Distinct().Count());
        Assert.Equal(25, await Emulator.ListRequestsAsync());
    }

    [Fact]
    public async Task PagesArrivingOutOfOrder_GiveTheSameOrderedResult()
    {
        await Emulator.GenerateAsync(5000);
        using var client = Client();
        var sequential = await Client(sequential: true).ListImagesAsync(new ImageListQuery(), CancellationToken.None);
        await Emulator.SetFaultsAsync(new { jitterMs = 40 });

        var concurrent = await client.ListImagesAsync(new ImageListQuery(), CancellationToken.None);

        Assert.Equal(sequential.Select(i => i.Id), concurrent.Select(i => i.Id));
    }

    [Fact]
    public async Task TwoThrottlesThenSuccess_ListingSucceeds()
    {
        await Emulator.SetFaultsAsync(new { failFirst = 2, failStatus = 429, retryAfterSeconds = 0 });
        using var client = Client();

        var images = await client.ListImagesAsync(new ImageListQuery(), CancellationToken.None);

        Assert.NotEmpty(images);
        Assert.Equal(3, await Emulator.ListRequestsAsync());
    }

    [Fact]
    public async Task WrongSecretKey_OneRequest_ErrorNames401AndRequestId_NoSecret()
    {
        const string wrongSecret = "wrong-secret-value-0123";
        using var client = Client(new AkSkCredentials(EmulatorProcess.AccessKey, wrongSecret, null));

        var error = await Assert.ThrowsAsync<ModelArtsApiException>(() => client.ListImagesAsync(new ImageListQuery(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("APIG.0301", error.ErrorCode);
        Assert.Matches("^[0-9a-f]{32}$", error.RequestId);
        Assert.Contains("401", error.Message);
        Assert.Contains("APIG.0301", error.Message);
        Assert.Contains(error.RequestId!, error.Message);
        Assert.DoesNotContain(wrongSecret, error.ToString());
        Assert.DoesNotContain(EmulatorProcess.SecretKey, error.ToString());
        Assert.Equal(0, await Emulator.ListRequestsAsync()); // rejected before listing
    }

    [Fact]
    public async Task TokenAuth_Works_AndWrongTokenIsRejected()
    {
        using var good = Client(new TokenCredentials(EmulatorProcess.AuthToken));
        using var bad = Client(new TokenCredentials("not-the-token"));

        Assert.NotEmpty(await good.ListImagesAsync(new ImageListQuery(), CancellationToken.None));
        var error = await Assert.ThrowsAsync<ModelArtsApiException>(() => bad.ListImagesAsync(new ImageListQuery(), CancellationToken.None));
        Assert.Equal("APIG.0301", error.ErrorCode);
    }

    [Fact]
    public async Task FiftyConcurrentIdenticalQueries_CostOneListing()
    {
        await Emulator.GenerateAsync(1000);
        using var client = Client();
        using var catalog = new ImageCatalog(client);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => catalog.ListAsync(new ImageListQuery(), CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(1000, r.Count));
        Assert.Equal(5, await Emulator.ListRequestsAsync());
    }

    [Fact]
    public async Task ServerSideFilters_AreApplied()
    {
        using var client = Client();

        var dedicated = await client.ListImagesAsync(new ImageListQuery(Type: "DEDICATED", Namespace: "team-vision"), CancellationToken.None);
        var exact = await client.ListImagesAsync(new ImageListQuery(Name: "conda3-ubuntu22.04", NameFuzzyMatch: false), CancellationToken.None);
        var fuzzy = await client.ListImagesAsync(new ImageListQuery(Name: "conda3"), CancellationToken.None);
        var train = await client.ListImagesAsync(new ImageListQuery(ServiceType: "TRAIN"), CancellationToken.None);

        Assert.NotEmpty(dedicated);
        Assert.All(dedicated, i => Assert.Equal(("DEDICATED", "team-vision"), (i.Type, i.Namespace)));
        Assert.Equal("conda3-ubuntu22.04", Assert.Single(exact).Name);
        Assert.Equal(2, fuzzy.Count);
        Assert.All(train, i => Assert.Equal("TRAIN", i.ServiceType));
    }

    [Fact]
    public async Task UnsortableKey_Fails6303_WithoutRetry()
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<ModelArtsApiException>(() => client.ListImagesAsync(new ImageListQuery(SortKey: "swr_path"), CancellationToken.None));

        Assert.Equal("ModelArts.6303", error.ErrorCode);
        Assert.Equal(1, await Emulator.ListRequestsAsync());
    }
}
