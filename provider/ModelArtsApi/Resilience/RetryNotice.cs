namespace ModelArts.Provider.ModelArtsApi.Resilience;

/// <summary>
/// A retry about to wait: which one, how long, why, and how long this request has already taken. The client
/// hands these out so the user sees slow work while it happens (the API layer knows no engine log).
/// </summary>
internal readonly record struct RetryNotice(int Retry, int MaxRetries, TimeSpan Delay, TimeSpan Elapsed, string Reason)
{
    /// <summary>Past this cost a retry is worth a warning, not a note.</summary>
    public static readonly TimeSpan WarnAfter = TimeSpan.FromSeconds(3);

    public bool IsCostly => Elapsed + Delay >= WarnAfter;

    public string Message => $"ModelArts API {Reason}; retry {Retry} of {MaxRetries} in {Delay.TotalSeconds:0.#} s" +
        (Elapsed >= TimeSpan.FromSeconds(1) ? $" ({Elapsed.TotalSeconds:0} s spent on this request so far)" : "");

    public static string Describe(Exception? e) => e switch
    {
        ModelArtsApiException { StatusCode: System.Net.HttpStatusCode.TooManyRequests } => "throttled (429)",
        ModelArtsApiException { StatusCode: { } status } => $"answered HTTP {(int)status}",
        ModelArtsApiException => "sent a malformed or truncated answer",
        Polly.Timeout.TimeoutRejectedException => "did not answer in time",
        HttpRequestException or IOException => "could not be reached",
        _ => "failed",
    };
}
