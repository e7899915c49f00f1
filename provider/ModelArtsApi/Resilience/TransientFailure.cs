using System.Net;

namespace ModelArts.Provider.ModelArtsApi.Resilience;

/// <summary>Which failures are worth another attempt, and how long the server asked us to wait.</summary>
internal static class TransientFailure
{
    /// <summary>429 (APIG.0308) and the 5xx a gateway or overloaded backend answers. Never 401/403 or other 4xx.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) => status is
        HttpStatusCode.TooManyRequests or
        HttpStatusCode.InternalServerError or
        HttpStatusCode.BadGateway or
        HttpStatusCode.ServiceUnavailable or
        HttpStatusCode.GatewayTimeout;

    public static bool IsTransient(Exception exception) => exception switch
    {
        ModelArtsApiException api => api.IsTransient,
        HttpRequestException => true,
        IOException => true,
        Polly.Timeout.TimeoutRejectedException => true,
        _ => false,
    };

    /// <summary>Retry-After as seconds or an HTTP date; null when absent or unreadable.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
