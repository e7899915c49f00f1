using System.Net;
using System.Text.Json;
using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.ModelArtsApi.Paging;
using ModelArts.Provider.ModelArtsApi.Resilience;
using ModelArts.Provider.ModelArtsApi.Signing;
using Polly;

namespace ModelArts.Provider.ModelArtsApi;

/// <summary>
/// Client of <c>GET /v1/{project_id}/images</c>: authenticated, retried, and paged to the end.
/// Knows nothing about Pulumi.
/// </summary>
internal sealed class ModelArtsClient : IImageSource, IDisposable
{
    public const string NotFoundPastEndCode = "ModelArts.6400";
    private static readonly string UserAgent = $"pulumi-resource-modelarts/{typeof(ModelArtsClient).Assembly.GetName().Version?.ToString(3)}";

    private readonly HttpClient _http;
    private readonly ModelArtsClientOptions _options;
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _time;

    public ModelArtsClient(ModelArtsClientOptions options, TimeProvider? time = null, HttpMessageHandler? transport = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _pipeline = RetryPipelineFactory.Create(options, _time);
        var handler = new AuthenticationHandler(options.Credentials, options.ProjectId, _time)
        {
            InnerHandler = transport ?? CreateTransport(options),
        };
        _http = new HttpClient(handler) { BaseAddress = options.Endpoint, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    public async Task<IReadOnlyList<ImageDto>> ListImagesAsync(ImageListQuery query, CancellationToken cancellationToken)
    {
        using var bound = new CancellationTokenSource(_options.LookupTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        try
        {
            return await new PagedListing(this, query, _options).RunAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ModelArtsApiException(null, null, null, null,
                $"the listing took longer than {_options.LookupTimeout.TotalSeconds:0} s in all (modelarts:lookupTimeoutSeconds), every attempt and wait included; " +
                "the API is slow or unwell: retry later, or raise lookupTimeoutSeconds", e);
        }
    }

    /// <summary>One page, retried as configured. Null means "past the end" (ModelArts.6400).</summary>
    internal async Task<ImagePage?> FetchPageAsync(ImageListQuery query, long offset, CancellationToken cancellationToken)
    {
        var path = $"v1/{SdkHmacSigner.Encode(_options.ProjectId)}/images";
        var uri = path + "?" + SdkHmacSigner.CanonicalQuery(query.ToParameters(_options.PageSize, offset));
        try
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(RetryPipelineFactory.StartedAt, _time.GetTimestamp());
            try
            {
                return await _pipeline.ExecuteAsync(
                    static async (ctx, state) => await state.self.SendOnceAsync(state.uri, ctx.CancellationToken).ConfigureAwait(false),
                    context,
                    (self: this, uri)).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
        catch (ModelArtsApiException e) when (RetryPipelineFactory.WaitsTooLong(e, _options))
        {
            throw new ModelArtsApiException(e.StatusCode, e.ErrorCode, e.ErrorMessage, e.RequestId,
                $"the API asked to wait {e.RetryAfter!.Value.TotalSeconds:0} s (Retry-After), longer than the whole lookup may take " +
                $"({_options.LookupTimeout.TotalSeconds:0} s, modelarts:lookupTimeoutSeconds), so the provider does not wait; try again later", e);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw new ModelArtsApiException(null, null, null, null,
                $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s per attempt (modelarts:requestTimeoutSeconds), {Attempts}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new ModelArtsApiException(null, null, null, null, $"{TransportFailure.Describe(e, _options.Endpoint)}; {Attempts}", e);
        }
    }

    private string Attempts => _options.MaxRetries == 0 ? "1 attempt (modelarts:maxRetries is 0)" : $"{_options.MaxRetries + 1} attempts (modelarts:maxRetries {_options.MaxRetries})";

    private async Task<ImagePage?> SendOnceAsync(string relativeUri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relativeUri);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var error = ApiErrorParser.Parse(response.StatusCode, body, requestId, TransientFailure.RetryAfter(response, _time.GetUtcNow()));
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
}
