using System.Net;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.ModelArtsApi.Resilience;

namespace ModelArts.UnitTests.ModelArtsApi;

public sealed class RetryTests
{
    private const string Throttled = "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The request is throttled.\"}";

    [Fact]
    public async Task TwoThrottlesThenSuccess_Succeeds()
    {
        var api = new ScriptedApi(3) { Script = (n, _) => n <= 2 ? ScriptedApi.Json(HttpStatusCode.TooManyRequests, Throttled) : null };
        using var client = ClientFactory.Create(api);

        var listed = await client.ListImagesAsync(new ImageListQuery(), CancellationToken.None);

        Assert.Equal(3, listed.Count);
        Assert.Equal(3, api.RequestCount);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task ServerErrors_AreRetried(HttpStatusCode status)
    {
        var api = new ScriptedApi(1) { Script = (n, _) => n == 1 ? ScriptedApi.Json(status, "{}") : null };
        using var client = ClientFactory.Create(api);

        Assert.Single(await client.ListImagesAsync(new ImageListQuery(), CancellationToken.None));
        Assert.Equal(2, api.RequestCount);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "APIG.0301")]
    [InlineData(HttpStatusCode.Forbidden, "ModelArts.0103")]
    [InlineData(HttpStatusCode.BadRequest, "ModelArts.0104")]
    [InlineData(HttpStatusCode.NotFound, "APIG.0101")]
    public async Task ClientErrors_AreNeverRetried(HttpStatusCode status, string code)
    {
        var api = new ScriptedApi(1) { Script = (_, _) => ScriptedApi.Json(status, $"{{\"error_code\":\"{code}\",\"error_msg\":\"no\"}}", "rid-42") };
        using var client = ClientFactory.Create(api);

        var error = await Assert.ThrowsAsync<ModelArtsApiException>(() => client.ListImagesAsync(new ImageListQuery(), CancellationToken.None));

        Assert.Equal(1, api.RequestCount);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("rid-42", error.RequestId);
        Assert.DoesNotContain(ClientFactory.SecretKey, error.ToString());
    }

    [Fact]
    public async Task PersistentThrottling_GivesUpAfterMaxRetries()
    {
        var api = new ScriptedApi(1) { Script = (_, _) => ScriptedApi.Json(HttpStatusCode.TooManyRequests, Throttled) };
        using var client = ClientFactory.Create(api, maxRetries: 3);

        var error = await Assert.ThrowsAsync<ModelArtsApiException>(() => client.ListImagesAsync(new ImageListQuery(), CancellationToken.None));

        Assert.Equal(4, api.RequestCount);
        Assert.Equal("APIG.0308", error.ErrorCode);
        Assert.Contains("429", error.Message);
    }

    [Fact]
    public async Task MaxRetriesZero_MakesExactlyOneAttempt()
    {
        var api = new ScriptedApi(1) { Script = (_, _) => ScriptedApi.Json(HttpStatusCode.ServiceUnavailable, "{}") };
        using var client = ClientFactory.Create(api, maxRetries: 0);

        await Assert.ThrowsAsync<ModelArtsApiException>(() => client.ListImagesAsync(new ImageListQuery(), CancellationToken.None));
        Assert.Equal(1, api.RequestCount);
    }

    [Fact]
    public async Task MalformedBody_IsRetriedThenReported()
    {
        var api = new ScriptedApi(1) { Script = (_, _) => ScriptedApi.Json(HttpStatusCode.OK, "{\"current\":0,\"data\":[{\"id\":\"x") };
        using var client = ClientFactory.Create(api, maxRetries: 2);

        var error = await Assert.ThrowsAsync<ModelArtsApiException>(() => client.ListImagesAsync(new ImageListQuery(), CancellationToken.None));

        Assert.Equal(3, api.RequestCount);
        Assert.Contains("malformed response body", error.Message);
        Assert.Contains("req-123", error.Message);
    }

    [Fact]
    public async Task ConnectionFailure_IsRetriedThenReportedWithoutResponse()
    {
        var api = new ScriptedApi(1) { Script = (_, _) => throw new HttpRequestException("Connection refused (127.0.0.1:1)") };
        using var client = ClientFactory.Create(api, maxRetries: 2);

        var error = await Assert.ThrowsAsync<ModelArtsApiException>(() => client.ListImagesAsync(new ImageListQuery(), CancellationToken.None));

        Assert.Equal(3, api.RequestCount);
        Assert.Null(error.StatusCode);
        Assert.Contains("Connection refused", error.Message);
    }

    [Fact]
    public async Task Cancellation_StopsWithoutRetrying()
    {
        using var cts = new CancellationTokenSource();
        var api = new ScriptedApi(1)
        {
            Script = (_, _) =>
            {
                cts.Cancel();
                return ScriptedApi.Json(HttpStatusCode.ServiceUnavailable, "{}");
            },
        };
        using var client = ClientFactory.Create(api);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListImagesAsync(new ImageListQuery(), cts.Token));
        Assert.Equal(1, api.RequestCount);
    }

    [Fact]
    public void ThrottleDelay_HonoursRetryAfterAndCapsIt()
    {
        var options = new ModelArtsClientOptions
        {
            Endpoint = new Uri("http://x/"), ProjectId = "p", Credentials = new TokenCredentials("t"),
            ThrottleMinDelay = TimeSpan.FromSeconds(2), MaxRetryDelay = TimeSpan.FromSeconds(10),
        };
        ModelArtsApiException Throttle(TimeSpan? after) => new(HttpStatusCode.TooManyRequests, "APIG.0308", null, null) { RetryAfter = after };

        Assert.Equal(TimeSpan.FromSeconds(3), RetryPipelineFactory.ThrottleDelay(Throttle(TimeSpan.FromSeconds(3)), 0, options));
        Assert.Equal(TimeSpan.FromSeconds(10), RetryPipelineFactory.ThrottleDelay(Throttle(TimeSpan.FromMinutes(5)), 0, options));
        Assert.Equal(TimeSpan.FromSeconds(2), RetryPipelineFactory.ThrottleDelay(Throttle(null), 0, options));
        Assert.Equal(TimeSpan.FromSeconds(8), RetryPipelineFactory.ThrottleDelay(Throttle(null), 2, options));
        Assert.Null(RetryPipelineFactory.ThrottleDelay(new ModelArtsApiException(HttpStatusCode.BadGateway, null, null, null), 0, options));
    }

    [Fact]
    public void RetryAfter_ReadsSecondsAndDates()
    {
        var now = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var seconds = new HttpResponseMessage();
        seconds.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(4));
        var date = new HttpResponseMessage();
        date.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(4), TransientFailure.RetryAfter(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(7), TransientFailure.RetryAfter(date, now));
        Assert.Null(TransientFailure.RetryAfter(new HttpResponseMessage(), now));
    }

    [Theory]
    [InlineData("cn-north-4", null, "https://modelarts.cn-north-4.myhuaweicloud.com/")]
    [InlineData("eu-west-101", null, "https://modelarts.eu-west-101.myhuaweicloud.eu/")]
    [InlineData(null, "http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("cn-north-4", "https://proxy.example/base/", "https://proxy.example/base/")]
    public void Endpoint_FromRegionOrOverride(string? region, string? endpoint, string expected) =>
        Assert.Equal(expected, ModelArtsEndpoint.Resolve(region, endpoint).ToString());
}
