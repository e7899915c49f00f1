using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace ModelArts.Emulator;

/// <summary>
/// GET /v1/{project_id}/images with the real service's semantics: page = offset / limit, 0-based
/// <c>current</c>, ModelArts.6400 past the end, server-side filters, sorting, and injected faults.
/// </summary>
internal sealed class ImagesEndpoint(ImageStore store, FaultState faults, EmulatorStats stats, SignatureVerifier verifier, EmulatorOptions options)
{
    private static readonly string[] SortableKeys = ["create_at", "update_at", "name"];
    private static readonly string[] Types = ["BUILD_IN", "DEDICATED"];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<JsonObject>> _results = new();
    private static readonly JsonSerializerOptions Output = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task HandleAsync(HttpContext context, string projectId)
    {
        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        if (verifier.Verify(request, rawTarget) is { } reason)
        {
            stats.AuthFailure();
            await Error(context, 401, "APIG.0301", $"Incorrect IAM authentication information: {reason}");
            return;
        }

        if (projectId != options.ProjectId)
        {
            await Error(context, 403, "ModelArts.0103", $"project {projectId} is not the project of these credentials");
            return;
        }

        var settings = faults.Current;
        var number = stats.NextListRequest();
        using var _ = stats.InFlight();
        var delay = settings.LatencyMs + (settings.JitterMs > 0 ? Random.Shared.Next(settings.JitterMs + 1) : 0);
        if (delay > 0)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (FaultState.Fires(settings, number))
        {
            stats.Fault();
            await InjectAsync(context, settings);
            return;
        }

        await ListAsync(context, settings, number);
        if (settings.GrowPerRequest > 0)
        {
            store.Grow(settings.GrowPerRequest);
        }
    }

    private async Task ListAsync(HttpContext context, FaultSettings settings, int number)
    {
        var q = context.Request.Query;
        if (!TryInt(q["limit"], 200, out var limit) || limit is < 1 or > 1000 || !TryInt(q["offset"], 0, out var offset) || offset < 0)
        {
            await Error(context, 400, "ModelArts.0104", "Parameter error: limit must be 1-1000 and offset a non-negative integer");
            return;
        }

        var type = q["type"].ToString() is { Length: > 0 } t ? t : "BUILD_IN";
        if (!Types.Contains(type))
        {
            await Error(context, 400, "ModelArts.0104", $"Parameter error: type must be one of {string.Join(", ", Types)}");
            return;
        }

        var sortKeys = (q["sort_key"].ToString() is { Length: > 0 } sk ? sk : "create_at").Split(',', StringSplitOptions.TrimEntries);
        if (sortKeys.FirstOrDefault(k => !SortableKeys.Contains(k)) is { } bad)
        {
            await Error(context, 400, "ModelArts.6303", $"sort_key {bad} is not supported");
            return;
        }

        var descending = !string.Equals(q["sort_dir"], "ASC", StringComparison.OrdinalIgnoreCase);
        var name = q["name"].ToString();
        var fuzzy = !string.Equals(q["name_fuzzy_match"], "false", StringComparison.OrdinalIgnoreCase);
        // Filtered and sorted once per query and catalog version, as a real service's indexes would: paging
        // through 10,000 images must cost the latency of a page, not a re-sort per request.
        var key = string.Join("\u0001", store.Version, type, name, fuzzy, q["namespace"], q["service_type"], q["workspace_id"], string.Join(",", sortKeys), descending);
        var matches = _results.GetOrAdd(key, _ => Sort(store.Snapshot().Where(i =>
                Str(i, "type") == type &&
                (name.Length == 0 || (fuzzy ? (Str(i, "name") ?? "").Contains(name, StringComparison.Ordinal) : Str(i, "name") == name)) &&
                Equal(q["namespace"], Str(i, "namespace")) &&
                Equal(q["service_type"], Str(i, "service_type")) &&
                Equal(q["workspace_id"], Str(i, "workspace_id")))
            .ToList(), sortKeys, descending));
        if (_results.Count > 1000)
        {
            _results.Clear();
        }

        var page = offset / limit;
        var from = page * limit;
        if (from > matches.Count)
        {
            await Error(context, 400, "ModelArts.6400", $"fromIndex({from}) > toIndex({matches.Count})");
            return;
        }

        var pageImages = matches.Skip(from).Take(limit).ToList();
        if (settings.DuplicateAcrossPages && from > 0 && from - 1 < matches.Count)
        {
            pageImages.Insert(0, matches[from - 1]);
        }

        stats.Status(200);
        context.Response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Encoder = Output.Encoder }))
        {
            // Written straight from the shared catalog objects: they are never re-parented or cloned.
            writer.WriteStartObject();
            writer.WriteNumber("current", page);
            writer.WriteStartArray("data");
            foreach (var image in pageImages)
            {
                image.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteNumber("pages", (matches.Count + limit - 1) / limit);
            writer.WriteNumber("size", limit);
            writer.WriteNumber("total", (long)matches.Count);
            writer.WriteEndObject();
        }
    }

    private static List<JsonObject> Sort(List<JsonObject> images, string[] keys, bool descending)
    {
        IOrderedEnumerable<JsonObject>? ordered = null;
        foreach (var key in keys)
        {
            Func<JsonObject, string> byText = i => Str(i, key) ?? "";
            Func<JsonObject, long> byNumber = i => i[key] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;
            var numeric = key != "name";
            ordered = (ordered, numeric, descending) switch
            {
                (null, true, true) => images.OrderByDescending(byNumber),
                (null, true, false) => images.OrderBy(byNumber),
                (null, false, true) => images.OrderByDescending(byText, StringComparer.Ordinal),
                (null, false, false) => images.OrderBy(byText, StringComparer.Ordinal),
                (_, true, true) => ordered!.ThenByDescending(byNumber),
                (_, true, false) => ordered!.ThenBy(byNumber),
                (_, false, true) => ordered!.ThenByDescending(byText, StringComparer.Ordinal),
                (_, false, false) => ordered!.ThenBy(byText, StringComparer.Ordinal),
            };
        }

        return ordered?.ToList() ?? images;
    }

    private async Task InjectAsync(HttpContext context, FaultSettings s)
    {
        var response = context.Response;
        switch (s.FailMode)
        {
            case "drop":
                context.Abort();
                return;
            case "hang":
                await Task.Delay(s.HangMs, context.RequestAborted).ContinueWith(_ => { });
                context.Abort();
                return;
            case "drop-mid-body":
                response.ContentType = "application/json";
                response.ContentLength = 4096;
                await response.WriteAsync("{\"current\":0,\"data\":[{\"id\":\"cut-");
                await response.Body.FlushAsync();
                context.Abort();
                return;
            case "malformed":
                stats.Status(200);
                response.ContentType = "application/json";
                await response.WriteAsync("{\"current\":0,\"data\":[{\"id\":\"truncated\",\"name\":\"py");
                return;
            case "html":
                stats.Status(502);
                response.StatusCode = 502;
                response.ContentType = "text/html";
                await response.WriteAsync("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>The upstream server is not available.</p></body></html>");
                return;
        }

        var status = s.FailStatus;
        if (status == 429 && s.RetryAfterSeconds >= 0)
        {
            response.Headers.RetryAfter = s.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var (code, message) = status == 429
            ? ("APIG.0308", "The request is throttled. Please try again later.")
            : ("ModelArts.0010", $"Internal error ({status}), injected by the emulator");
        await Error(context, status, code, message, s.ErrorShape);
    }

    private async Task Error(HttpContext context, int status, string code, string message, string shape = "standard")
    {
        stats.Status(status);
        var response = context.Response;
        response.StatusCode = status;
        var requestId = response.Headers["X-Request-Id"].ToString();
        if (shape == "text")
        {
            response.ContentType = "text/plain";
            await response.WriteAsync($"{status} {message}");
            return;
        }

        JsonObject body = shape switch
        {
            "code-message" => new() { ["code"] = code, ["message"] = message },
            "nested" => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["request_id"] = requestId } },
            _ => new() { ["error_code"] = code, ["error_msg"] = message, ["request_id"] = requestId },
        };
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString(Output));
    }

    private static string? Str(JsonObject image, string key) =>
        image[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool Equal(Microsoft.Extensions.Primitives.StringValues wanted, string? actual) =>
        wanted.Count == 0 || wanted.ToString() == actual;

    private static bool TryInt(Microsoft.Extensions.Primitives.StringValues raw, int fallback, out int value)
    {
        if (raw.Count == 0)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(raw.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
