using System.Net;
using System.Text.Json;
using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.ModelArtsApi.Paging;
using ModelArts.Provider.ModelArtsApi.Resilience;
using ModelArts.Provider.ModelArtsApi.Signing;
using Polly;

namespace ModelArts.Provider.ModelArtsApi;

/// <summary>
/// One page of <c>GET /v1/{project_id}/images</c>: signed, retried as configured, and every failure turned into a
/// <see cref="ModelArtsApiException"/> that says what happened and which setting to change.
/// </summary>
internal sealed class PageFetcher : IPageSource, IDisposable
{
    public const string NotFoundPastEndCode = "ModelArts.6400";
    private static readonly string UserAgent = $"pulumi-resource-modelarts/{typeof(PageFetcher).Assembly.GetName().Version?.ToString(3)}";

    private readonly HttpClient _http;
    private readonly ModelArtsClientOptions _options;
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _time;

    public PageFetcher(ModelArtsClientOptions options, TimeProvider time, HttpMessageHandler? transport)
    {
        _options = options;
        _time = time;
        _pipeline = RetryPipelineFactory.Create(options, _time);
        var handler = new AuthenticationHandler(options.Credentials, options.ProjectId, _time)
        {
            InnerHandler = transport ?? CreateTransport(options),
        };
        _http = new HttpClient(handler) { BaseAddress = options.Endpoint, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    public async Task<ImagePage?> FetchPageAsync(ImageListQuery query, long offset, CancellationToken cancellationToken)
    {
        var path = $"v1/{SdkHmacSigner.Encode(_options.ProjectId)}/images";
        var uri = path + "?" + SdkHmacSigner.CanonicalQuery(query.ToParameters(_options.PageSize, offset));
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryPipelineFactory.StartedAt, _time.GetTimestamp());
        var attempts = new AttemptCounter();
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    state.attempts.Made++;
                    return await state.self.SendOnceAsync(state.uri, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (self: this, uri, attempts)).ConfigureAwait(false);
        }
        catch (ModelArtsApiException e) when (RetryPipelineFactory.WaitsTooLong(e, _options))
        {
            throw new ModelArtsApiException(e.StatusCode, e.ErrorCode, e.ErrorMessage, e.RequestId,
                $"the API asked to wait {e.RetryAfter!.Value.TotalSeconds:0} s (Retry-After), longer than the whole lookup may take " +
                $"({_options.LookupTimeout.TotalSeconds:0} s, {_options.Names.LookupTimeout}), so the provider does not wait; try again later", e);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw new ModelArtsApiException(null, null, null, null,
                $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s per attempt ({_options.Names.RequestTimeout}), {Attempts(attempts.Made)}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            var retries = TransientFailure.RetriesFor(e);
            var why = retries switch
            {
                0 => "not retried: a name that does not resolve now does not resolve a second later",
                1 when _options.MaxRetries > 0 => $"{Attempts(attempts.Made)} (a refused connection gets one quick retry, not {_options.Names.MaxRetries}: nothing listens there)",
                _ => Attempts(attempts.Made),
            };
            throw new ModelArtsApiException(null, null, null, null, $"{TransportFailure.Describe(e, _options.Endpoint, _options.Names)}; {why}", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private string Attempts(int made) =>
        _options.MaxRetries == 0 ? $"1 attempt ({_options.Names.MaxRetries} is 0)"
        : made == _options.MaxRetries + 1 ? $"{made} attempts ({_options.Names.MaxRetries} {_options.MaxRetries})"
        : made == 1 ? "1 attempt" : $"{made} attempts";

    private async Task<ImagePage?> SendOnceAsync(string relativeUri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relativeUri);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var error = ApiErrorParser.Parse(response.StatusCode, body, requestId, TransientFailure.RetryAfter(response, _time.GetUtcNow()), _options.Names);
            return response.StatusCode == HttpStatusCode.BadRequest && error.ErrorCode == NotFoundPastEndCode ? null : throw error;
        }

        try
        {
            // Streamed: a page is ~250 KB, and reading it into one string would put it on the large object heap.
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(stream, ApiJsonContext.Default.ImagePage, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("the body is JSON null");
        }
        catch (JsonException e)
        {
            // A 200 with a body cut short or not JSON at all: a gateway fault, worth another attempt.
            throw new ModelArtsApiException(response.StatusCode, null, null, requestId, $"malformed response body: {Common.JsonErrors.Describe(e)}")
            {
                IsTransient = true,
            };
        }
    }

    private static SocketsHttpHandler CreateTransport(ModelArtsClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = Math.Max(options.MaxConcurrentPages, 2) * 2,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            ConnectTimeout = options.RequestTimeout,
        };
        if (options.Insecure)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }

        return handler;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Attempts one page request took, for the message when it fails.</summary>
    private sealed class AttemptCounter
    {
        public int Made;
    }
}
