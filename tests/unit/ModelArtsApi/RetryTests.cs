using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.ModelArtsApi.Resilience;

namespace ModelArts.UnitTests.ModelArtsApi;

/// <summary>Which failures are retried, how often and how long the client waits: the production delays on a fake clock.</summary>
public sealed class RetryTests
{
    private const string Throttled = "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The request is throttled.\"}";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private Task<(IReadOnlyList<ModelArts.Provider.ModelArtsApi.Dto.ImageDto> Result, TimeSpan Waited)> List(ModelArtsClient client) =>
        FakeClock.RunAsync(_time, () => client.ListImagesAsync(new ImageListQuery(), CancellationToken.None));

    private Task<(ModelArtsApiException Error, TimeSpan Waited)> ListFails(ModelArtsClient client) =>
        FakeClock.FailsAsync<ModelArtsApiException>(_time, () => client.ListImagesAsync(new ImageListQuery(), CancellationToken.None));

    [Fact]
    public async Task TwoThrottlesThenSuccess_WaitsTheThrottleMinimumDoubledThenSucceeds()
    {
        var api = new ScriptedApi(3) { Script = (n, _) => n <= 2 ? ScriptedApi.Json(HttpStatusCode.TooManyRequests, Throttled, retryAfter: null) : null };
        using var client = ClientFactory.OnFakeClock(api, _time);

        var (listed, waited) = await List(client);

        Assert.Equal(3, listed.Count);
        Assert.Equal(3, api.RequestCount);
        // 2 s, then 4 s (ThrottleMinDelay doubled per attempt); the clock moves in steps, so allow one step over.
        Assert.InRange(waited, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(6) + 2 * FakeClock.Step);
    }

    [Fact]
    public async Task Throttled_WithRetryAfter_WaitsWhatTheServerAsked()
    {
        var api = new ScriptedApi(1) { Script = (n, _) => n == 1 ? ScriptedApi.Json(HttpStatusCode.TooManyRequests, Throttled, retryAfter: TimeSpan.FromSeconds(7)) : null };
        using var client = ClientFactory.OnFakeClock(api, _time);

        var (_, waited) = await List(client);

        Assert.Equal(2, api.RequestCount);
        Assert.InRange(waited, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7) + 2 * FakeClock.Step);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task ServerErrors_AreRetriedAfterABackoff(HttpStatusCode status)
    {
        var api = new ScriptedApi(1) { Script = (n, _) => n == 1 ? ScriptedApi.Json(status, "{}") : null };
        using var client = ClientFactory.OnFakeClock(api, _time);

        var (listed, waited) = await List(client);

        Assert.Single(listed);
        Assert.Equal(2, api.RequestCount);
        Assert.True(waited > TimeSpan.Zero, "a retry waits for its backoff");
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "APIG.0301")]
    [InlineData(HttpStatusCode.Forbidden, "ModelArts.0103")]
    [InlineData(HttpStatusCode.BadRequest, "ModelArts.0104")]
    [InlineData(HttpStatusCode.NotFound, "APIG.0101")]
    public async Task ClientErrors_AreNeverRetried(HttpStatusCode status, string code)
    {
        var api = new ScriptedApi(1) { Script = (_, _) => ScriptedApi.Json(status, $"{{\"error_code\":\"{code}\",\"error_msg\":\"no\"}}", "rid-42") };
        using var client = ClientFactory.OnFakeClock(api, _time);

        var (error, waited) = await ListFails(client);

        Assert.Equal(1, api.RequestCount);
        Assert.True(waited <= FakeClock.Step, $"waited {waited}");
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("rid-42", error.RequestId);
        Assert.DoesNotContain(ClientFactory.SecretKey, error.ToString());
    }

    [Fact]
    public async Task PersistentThrottling_GivesUpAfterMaxRetries()
    {
        var api = new ScriptedApi(1) { Script = (_, _) => ScriptedApi.Json(HttpStatusCode.TooManyRequests, Throttled) };
        using var client = ClientFactory.OnFakeClock(api, _time, maxRetries: 3);

        var (error, waited) = await ListFails(client);

        Assert.Equal(4, api.RequestCount);
        Assert.Equal("APIG.0308", error.ErrorCode);
        Assert.Contains("429", error.Message);
        Assert.True(waited >= TimeSpan.FromSeconds(2 + 4 + 8), $"waited {waited}");
    }

    [Fact]
    public async Task MaxRetriesZero_MakesExactlyOneAttempt()
    {
        var api = new ScriptedApi(1) { Script = (_, _) => ScriptedApi.Json(HttpStatusCode.ServiceUnavailable, "{}") };
        using var client = ClientFactory.OnFakeClock(api, _time, maxRetries: 0);

        await ListFails(client);
        Assert.Equal(1, api.RequestCount);
    }

    [Fact]
    public async Task MalformedBody_IsRetriedThenReported()
    {
        var api = new ScriptedApi(1) { Script = (_, _) => ScriptedApi.Json(HttpStatusCode.OK, "{\"current\":0,\"data\":[{\"id\":\"x") };
        using var client = ClientFactory.OnFakeClock(api, _time, maxRetries: 2);

        var (error, _) = await ListFails(client);

        Assert.Equal(3, api.RequestCount);
        Assert.Contains("malformed response body", error.Message);
        Assert.Contains("req-123", error.Message);
    }

    [Fact]
    public async Task DroppedConnection_IsRetriedAsConfiguredThenReportedWithoutResponse()
    {
        var api = new ScriptedApi(1) { Script = (_, _) => throw new HttpRequestException("An error occurred while sending the request.", new IOException("connection reset by peer")) };
        using var client = ClientFactory.OnFakeClock(api, _time, maxRetries: 2);

        var (error, _) = await ListFails(client);

        Assert.Equal(3, api.RequestCount);
        Assert.Null(error.StatusCode);
        Assert.Contains("3 attempts (the retry count 2)", error.Message);
    }

    [Theory]
    [InlineData(SocketError.HostNotFound, 1, 0, "could not be resolved", "not retried")]
    [InlineData(SocketError.ConnectionRefused, 2, 250, "refused the connection", "2 attempts (a refused connection gets one quick retry")]
    public async Task TransportFailure_GetsTheRetriesOfItsKind_WhateverMaxRetriesSays(SocketError kind, int requests, int waitMs, string what, string attempts)
    {
        // A name that does not resolve fails at once; a refused connection gets one retry after 250 ms; maxRetries is 5.
        var api = new ScriptedApi(1) { Script = (_, _) => throw new HttpRequestException($"{kind} (modelarts.example:443)", new SocketException((int)kind)) };
        using var client = ClientFactory.OnFakeClock(api, _time, maxRetries: 5);

        var (error, waited) = await ListFails(client);

        Assert.Equal(requests, api.RequestCount);
        Assert.InRange(waited, TimeSpan.FromMilliseconds(waitMs), TimeSpan.FromMilliseconds(waitMs) + 2 * FakeClock.Step);
        Assert.Contains(what, error.Message);
        Assert.Contains(attempts, error.Message);
    }

    [Fact]
    public async Task RefusedOnce_ThenAnswered_Succeeds()
    {
        var api = new ScriptedApi(2) { Script = (n, _) => n == 1 ? throw new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)) : null };
        using var client = ClientFactory.OnFakeClock(api, _time);

        var (listed, _) = await List(client);

        Assert.Equal(2, listed.Count);
        Assert.Equal(2, api.RequestCount);
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
        using var client = ClientFactory.OnFakeClock(api, _time);

        await FakeClock.FailsAsync<OperationCanceledException>(_time, () => client.ListImagesAsync(new ImageListQuery(), cts.Token));
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
