using System.Net;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.ModelArtsApi.Paging;

namespace ModelArts.UnitTests.ModelArtsApi;

public sealed class PagedListingTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(200, 1)]
    [InlineData(201, 2)]
    [InlineData(1000, 5)]
    [InlineData(1001, 6)]
    public async Task ListImages_AllPages_OneRequestPerPage(int images, int expectedRequests)
    {
        var api = new ScriptedApi(images);
        using var client = ClientFactory.Create(api);

        var listed = await client.ListImagesAsync(new ImageListQuery(), CancellationToken.None);

        Assert.Equal(images, listed.Select(i => i.Id).Distinct().Count());
        Assert.Equal(expectedRequests, api.RequestCount);
    }

    [Fact]
    public async Task ListImages_OffsetsAreMultiplesOfLimit()
    {
        var api = new ScriptedApi(650);
        using var client = ClientFactory.Create(api, pageSize: 100);

        await client.ListImagesAsync(new ImageListQuery(), CancellationToken.None);

        var offsets = api.Requests.Select(u => int.Parse(System.Web.HttpUtility.ParseQueryString(u.Query)["offset"]!)).Order().ToList();
        Assert.Equal([0, 100, 200, 300, 400, 500, 600], offsets);
    }

    [Fact]
    public async Task ListImages_PagesArriveOutOfOrder_SameOrderedResultAsSequential()
    {
        var sequential = await ClientFactory.Create(new ScriptedApi(1234), pageSize: 50, sequential: true)
            .ListImagesAsync(new ImageListQuery(), CancellationToken.None);
        var shuffled = await ClientFactory.Create(new ScriptedApi(1234) { MaxJitterMs = 15 }, pageSize: 50)
            .ListImagesAsync(new ImageListQuery(), CancellationToken.None);

        Assert.Equal(sequential.Select(i => i.Id), shuffled.Select(i => i.Id));
    }

    [Fact]
    public async Task ListImages_PastEnd6400_TreatedAsEnd()
    {
        // The first page claims 3 pages but the catalog shrank: page 2 answers ModelArts.6400.
        var api = new ScriptedApi(250);
        api.Script = (n, uri) => uri.Query.Contains("offset=0")
            ? ScriptedApi.Json(HttpStatusCode.OK, "{\"current\":0,\"pages\":3,\"total\":500,\"size\":200,\"data\":[" +
                string.Join(',', Enumerable.Range(0, 200).Select(i => ScriptedApi.Image(i).ToJsonString())) + "]}")
            : null;
        using var client = ClientFactory.Create(api);

        var listed = await client.ListImagesAsync(new ImageListQuery(), CancellationToken.None);

        Assert.Equal(250, listed.Count);
    }

    [Fact]
    public async Task CatalogGrowsDuringConcurrentListing_RelistsInOrder_NothingLost()
    {
        // Pages answered in random order while 7 images are added at the top after every request:
        // concurrent pages alone would skip images that shift across page boundaries.
        var api = new ScriptedApi(1000) { GrowPerRequest = 7, MaxJitterMs = 10 };
        var originals = Enumerable.Range(0, 1000).Select(i => $"id-{i:D6}").ToList();
        using var client = ClientFactory.Create(api);

        var listed = await client.ListImagesAsync(new ImageListQuery(), CancellationToken.None);

        var ids = listed.Select(i => i.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Empty(originals.Except(ids!));
        Assert.True(api.RequestCount > 5, "the changed total triggered an ordered re-listing");
    }

    [Fact]
    public void Merge_DuplicateIdsAcrossPages_FirstWins()
    {
        var a = new ImageDto { Id = "1", Name = "first" };
        var dup = new ImageDto { Id = "1", Name = "second" };
        var b = new ImageDto { Id = "2" };
        var merged = PagedListing.Merge([new ImagePage { Data = [a, null] }, new ImagePage { Data = [dup, b] }]);

        Assert.Equal(["first", null], merged.Select(i => i.Name));
    }

    [Fact]
    public async Task ListImages_AbsurdPageCount_FailsClearly()
    {
        var api = new ScriptedApi(0)
        {
            Script = (_, _) => ScriptedApi.Json(HttpStatusCode.OK, "{\"current\":0,\"pages\":99999999,\"total\":1,\"data\":[" +
                string.Join(',', Enumerable.Range(0, 200).Select(i => ScriptedApi.Image(i).ToJsonString())) + "]}"),
        };
        using var client = ClientFactory.Create(api);

        var error = await Assert.ThrowsAsync<ModelArtsApiException>(() => client.ListImagesAsync(new ImageListQuery(), CancellationToken.None));
        Assert.Contains("99999999 pages", error.Message);
    }

    [Fact]
    public async Task ListImages_QueryParameters_SentAsSigned()
    {
        var api = new ScriptedApi(1);
        using var client = ClientFactory.Create(api);

        await client.ListImagesAsync(new ImageListQuery(Name: "py torch", NameFuzzyMatch: false, Type: "DEDICATED", WorkspaceId: "0"), CancellationToken.None);

        Assert.Equal("?limit=200&name=py%20torch&name_fuzzy_match=false&offset=0&type=DEDICATED&workspace_id=0", api.Requests.Single().Query);
    }
}
