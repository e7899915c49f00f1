using Moq;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.Query;

namespace ModelArts.UnitTests.Query;

public sealed class ImageCatalogTests
{
    [Fact]
    public async Task ConcurrentIdenticalQueries_ShareOneListing()
    {
        var gate = new TaskCompletionSource<IReadOnlyList<ImageDto>>();
        var source = new Mock<IImageSource>();
        source.Setup(s => s.ListImagesAsync(It.IsAny<ImageListQuery>(), It.IsAny<CancellationToken>())).Returns(gate.Task);
        using var catalog = new ImageCatalog(source.Object);

        var calls = Enumerable.Range(0, 50).Select(_ => Task.Run(() => catalog.ListAsync(new ImageListQuery(Name: "x"), CancellationToken.None))).ToList();
        await Task.Delay(50);
        gate.SetResult([new ImageDto { Id = "1" }]);
        var results = await Task.WhenAll(calls);

        source.Verify(s => s.ListImagesAsync(It.IsAny<ImageListQuery>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.All(results, r => Assert.Equal("1", r.Single().Id));
    }

    [Fact]
    public async Task DifferentQueries_ListSeparately_AndResultsAreKept()
    {
        var source = new Mock<IImageSource>();
        source.Setup(s => s.ListImagesAsync(It.IsAny<ImageListQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        using var catalog = new ImageCatalog(source.Object);

        await catalog.ListAsync(new ImageListQuery(Name: "a"), CancellationToken.None);
        await catalog.ListAsync(new ImageListQuery(Name: "b"), CancellationToken.None);
        await catalog.ListAsync(new ImageListQuery(Name: "a"), CancellationToken.None);

        source.Verify(s => s.ListImagesAsync(It.IsAny<ImageListQuery>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task FailedListing_IsForgotten_NextCallTriesAgain()
    {
        var source = new Mock<IImageSource>();
        source.SetupSequence(s => s.ListImagesAsync(It.IsAny<ImageListQuery>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ModelArtsApiException(System.Net.HttpStatusCode.ServiceUnavailable, null, null, null))
            .ReturnsAsync([new ImageDto { Id = "ok" }]);
        using var catalog = new ImageCatalog(source.Object);

        await Assert.ThrowsAsync<ModelArtsApiException>(() => catalog.ListAsync(new ImageListQuery(), CancellationToken.None));
        var second = await catalog.ListAsync(new ImageListQuery(), CancellationToken.None);

        Assert.Equal("ok", second.Single().Id);
    }

    [Fact]
    public async Task CallerCancelling_DoesNotCancelSharedListing()
    {
        var gate = new TaskCompletionSource<IReadOnlyList<ImageDto>>();
        var source = new Mock<IImageSource>();
        source.Setup(s => s.ListImagesAsync(It.IsAny<ImageListQuery>(), It.IsAny<CancellationToken>())).Returns(gate.Task);
        using var catalog = new ImageCatalog(source.Object);
        using var impatient = new CancellationTokenSource();

        var first = catalog.ListAsync(new ImageListQuery(), impatient.Token);
        var second = catalog.ListAsync(new ImageListQuery(), CancellationToken.None);
        impatient.Cancel();
        gate.SetResult([new ImageDto { Id = "1" }]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("1", (await second).Single().Id);
    }

    [Fact]
    public async Task CancelAll_CancelsListingInFlight()
    {
        var source = new Mock<IImageSource>();
        source.Setup(s => s.ListImagesAsync(It.IsAny<ImageListQuery>(), It.IsAny<CancellationToken>()))
            .Returns((ImageListQuery _, CancellationToken ct) => Task.Delay(Timeout.Infinite, ct).ContinueWith<IReadOnlyList<ImageDto>>(_ => [], ct));
        using var catalog = new ImageCatalog(source.Object);

        var listing = catalog.ListAsync(new ImageListQuery(), CancellationToken.None);
        catalog.CancelAll();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listing);
    }
}
