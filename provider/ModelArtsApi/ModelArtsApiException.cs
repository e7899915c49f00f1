using System.Net;

namespace ModelArts.Provider.ModelArtsApi;

/// <summary>A failed API call: the HTTP status and what the API said about it.</summary>
internal sealed class ModelArtsApiException(
    HttpStatusCode? statusCode,
    string? errorCode,
    string? errorMessage,
    string? requestId,
    string? detail = null,
    Exception? inner = null,
    SettingNames? names = null)
    : Exception(Describe(statusCode, errorCode, errorMessage, requestId, detail, names ?? SettingNames.Plain), inner)
{
    /// <summary>HTTP status, or null when no response arrived (connection failure, timeout).</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;
    public string? ErrorCode { get; } = errorCode;
    public string? ErrorMessage { get; } = errorMessage;
    public string? RequestId { get; } = requestId;

    /// <summary>Worth another attempt (throttling, 5xx, a broken or truncated body).</summary>
    public bool IsTransient { get; init; }

    /// <summary>The wait the server asked for in Retry-After, if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    private static string Describe(HttpStatusCode? status, string? code, string? message, string? requestId, string? detail, SettingNames names)
    {
        var parts = new List<string>();
        parts.Add(status is { } s ? $"HTTP {(int)s} {s}" : "no HTTP response");
        if (!string.IsNullOrEmpty(code))
        {
            parts.Add($"error_code {code}");
        }

        if (!string.IsNullOrEmpty(message))
        {
            parts.Add($"error_msg \"{message}\"");
        }

        if (!string.IsNullOrEmpty(detail))
        {
            parts.Add(detail);
        }

        parts.Add($"request id {(string.IsNullOrEmpty(requestId) ? "unknown" : requestId)}");
        var hint = status switch
        {
            HttpStatusCode.Unauthorized => $" Check {names.Credentials} and that the clock is right; authentication failures are not retried, because repeated failures lock the access key.",
            HttpStatusCode.Forbidden => $" Check {names.ProjectId}: it must be a project of this region that the credentials belong to; if it is, the credentials lack ModelArts permission there (IAM policies).",
            HttpStatusCode.TooManyRequests when detail is null => $" The API throttled every attempt; raise {names.MaxRetries} or run fewer lookups at once.",
            _ => "",
        };
        return $"ModelArts API request failed: {string.Join(", ", parts)}.{hint}";
    }
}
