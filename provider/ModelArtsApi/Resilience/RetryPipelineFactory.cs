using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ModelArts.Provider.ModelArtsApi.Resilience;

/// <summary>
/// Builds the pipeline around one HTTP attempt: a per-attempt timeout inside an exponential retry
/// with jitter that honours Retry-After and waits at least the throttle minimum after a 429.
/// </summary>
internal static class RetryPipelineFactory
{
    /// <summary>When the request's first attempt started (a <see cref="TimeProvider"/> timestamp), for <see cref="RetryNotice.Elapsed"/>.</summary>
    public static readonly ResiliencePropertyKey<long> StartedAt = new("modelarts.startedAt");

    public static ResiliencePipeline Create(ModelArtsClientOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && TransientFailure.IsTransient(e) && !WaitsTooLong(e, options)
                    && args.AttemptNumber < (TransientFailure.RetriesFor(e) ?? int.MaxValue)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && TransientFailure.RetriesFor(e) == 1 ? options.RefusedRetryDelay : ThrottleDelay(args.Outcome.Exception, args.AttemptNumber, options)),
                OnRetry = args => options.OnRetry is { } notify
                    ? notify(new RetryNotice(args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay,
                        args.Context.Properties.TryGetValue(StartedAt, out var started) ? time.GetElapsedTime(started) : args.Duration,
                        RetryNotice.Describe(args.Outcome.Exception)))
                    : default,
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.RequestTimeout });
        return builder.Build();
    }

    /// <summary>A Retry-After longer than the whole lookup may take: waiting could only end in the lookup's timeout.</summary>
    public static bool WaitsTooLong(Exception e, ModelArtsClientOptions options) =>
        e is ModelArtsApiException { RetryAfter: { } wait } && wait > options.LookupTimeout;

    /// <summary>
    /// For a 429: the server's Retry-After, else the throttle minimum doubled per attempt.
    /// Null (every other failure) lets the exponential backoff decide.
    /// </summary>
    internal static TimeSpan? ThrottleDelay(Exception? exception, int attemptNumber, ModelArtsClientOptions options)
    {
        if (exception is not ModelArtsApiException { StatusCode: System.Net.HttpStatusCode.TooManyRequests } throttled)
        {
            return null;
        }

        var wait = throttled.RetryAfter ?? options.ThrottleMinDelay * Math.Pow(2, Math.Min(attemptNumber, 16));
        return wait > options.MaxRetryDelay ? options.MaxRetryDelay : wait;
    }
}
