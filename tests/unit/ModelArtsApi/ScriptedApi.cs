using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ModelArts.UnitTests.ModelArtsApi;

/// <summary>
/// An in-process HTTP seam for the client: serves a list of images with the API's paging rules, or
/// whatever a test scripts for the n-th request. Integration tests use the real emulator instead.
/// </summary>
internal sealed class ScriptedApi : HttpMessageHandler
{
    private readonly List<JsonObject> _images;
    private int _count;

    public ScriptedApi(int images) => _images = Enumerable.Range(0, images).Select(Image).ToList();

    public ConcurrentQueue<Uri> Requests { get; } = new();

    /// <summary>Returns a response for request n (1-based), or null to serve the page normally.</summary>
    public Func<int, Uri, HttpResponseMessage?> Script { get; set; } = (_, _) => null;

    /// <summary>Random delay per request so pages complete out of order.</summary>
    public int MaxJitterMs { get; set; }

    public int RequestCount => _count;

    /// <summary>Newer images inserted at the top of the catalog after each request (the catalog changes mid-listing).</summary>
    public int GrowPerRequest { get; set; }

    private int _grown;

    public static JsonObject Image(int i) => new()
    {
        ["id"] = $"id-{i:D6}", ["name"] = $"image-{i:D6}", ["tag"] = "t", ["create_at"] = 1_700_000_000_000L - i,
        ["arch"] = "x86_64", ["status"] = "ACTIVE",
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _count);
        Requests.Enqueue(request.RequestUri!);
        if (MaxJitterMs > 0)
        {
            await Task.Delay(Random.Shared.Next(MaxJitterMs), cancellationToken);
        }

        if (Script(n, request.RequestUri!) is { } scripted)
        {
            return scripted;
        }

        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
        var limit = int.Parse(query["limit"] ?? "200");
        var offset = int.Parse(query["offset"] ?? "0");
        var page = offset / limit;
        var from = page * limit;
        if (from > _images.Count)
        {
            return Json(HttpStatusCode.BadRequest, $"{{\"error_code\":\"ModelArts.6400\",\"error_msg\":\"fromIndex({from}) > toIndex({_images.Count})\"}}");
        }

        JsonObject body;
        lock (_images)
        {
            var data = new JsonArray(_images.Skip(from).Take(limit).Select(i => (JsonNode)i.DeepClone()).ToArray());
            body = new JsonObject
            {
                ["current"] = page, ["pages"] = (_images.Count + limit - 1) / limit, ["size"] = limit, ["total"] = _images.Count, ["data"] = data,
            };
            for (var g = 0; g < GrowPerRequest; g++)
            {
                _images.Insert(0, new JsonObject { ["id"] = $"new-{++_grown:D6}", ["name"] = "new", ["create_at"] = 1_800_000_000_000L + _grown });
            }
        }

        return Json(HttpStatusCode.OK, body.ToJsonString());
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body, string? requestId = "req-123", TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (requestId is not null) response.Headers.Add("X-Request-Id", requestId);
        if (retryAfter is { } wait) response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        return response;
    }
}
