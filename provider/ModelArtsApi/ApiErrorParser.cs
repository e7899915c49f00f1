using System.Net;
using System.Text.Json;

namespace ModelArts.Provider.ModelArtsApi;

/// <summary>
/// Reads an error body in any of the shapes Huawei's gateways use: <c>{error_code, error_msg}</c>,
/// <c>{code, message}</c>, either nested one level down (<c>{"error": {...}}</c>), or not JSON at all.
/// </summary>
internal static class ApiErrorParser
{
    private const int MaxExcerpt = 200;

    /// <summary>The error of a failed response; transient (worth a retry) when its status says so.</summary>
    public static ModelArtsApiException Parse(HttpStatusCode status, string? body, string? requestIdHeader, TimeSpan? retryAfter = null, SettingNames? names = null)
    {
        string? code = null, message = null, requestId = null;
        var text = body?.Trim() ?? string.Empty;
        if (text.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                Read(doc.RootElement, ref code, ref message, ref requestId, depth: 0);
            }
            catch (JsonException)
            {
                // Truncated or invalid JSON: fall through to the excerpt.
            }
        }

        string? detail = null;
        if (code is null && message is null && text.Length > 0)
        {
            detail = $"body \"{Excerpt(text)}\"";
        }

        return new ModelArtsApiException(status, code, message, requestIdHeader ?? requestId, detail, names: names)
        {
            IsTransient = Resilience.TransientFailure.IsTransientStatus(status),
            RetryAfter = retryAfter,
        };
    }

    /// <summary>A short, single-line excerpt of a body; HTML tags are dropped so a gateway page reads as text.</summary>
    public static string Excerpt(string text)
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]*>", " ");
        plain = System.Text.RegularExpressions.Regex.Replace(plain, @"\s+", " ").Trim();
        return plain.Length <= MaxExcerpt ? plain : plain[..MaxExcerpt] + "...";
    }

    private static void Read(JsonElement e, ref string? code, ref string? message, ref string? requestId, int depth)
    {
        if (e.ValueKind != JsonValueKind.Object || depth > 2)
        {
            return;
        }

        foreach (var p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "error_code" or "code" or "errorCode" when code is null:
                    code = Scalar(p.Value);
                    break;
                case "error_msg" or "message" or "errorMsg" or "error_message" when message is null:
                    message = Scalar(p.Value);
                    break;
                case "request_id" or "requestId" when requestId is null:
                    requestId = Scalar(p.Value);
                    break;
                default:
                    if (p.Value.ValueKind == JsonValueKind.Object)
                    {
                        Read(p.Value, ref code, ref message, ref requestId, depth + 1);
                    }

                    break;
            }
        }
    }

    private static string? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => null,
    };
}
