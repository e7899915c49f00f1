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

    /// <summary>
    /// Retries a transport failure gets at most, whatever maxRetries says: none for a host name that does not resolve
    /// (the answer is a fact of DNS, not a passing state), one for a refused connection (nothing listens there, most
    /// likely a wrong endpoint, but a gateway that is restarting refuses for a moment). Null: as configured.
    /// </summary>
    public static int? RetriesFor(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.NoData => 0,
                    System.Net.Sockets.SocketError.ConnectionRefused => 1,
                    _ => null,
                };
            }
        }

        return null;
    }

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
