namespace ModelArts.Provider.ModelArtsApi;

/// <summary>Connection settings of <see cref="ModelArtsClient"/>. Defaults are the named constants.</summary>
internal sealed record ModelArtsClientOptions
{
    public const int DefaultMaxRetries = 5;
    public const int DefaultPageSize = 200;
    public const int DefaultMaxConcurrentPages = 8;
    public const int MaxPages = 10_000;
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultLookupTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Base URL, e.g. <c>https://modelarts.cn-north-4.myhuaweicloud.com</c>.</summary>
    public required Uri Endpoint { get; init; }
    public required string ProjectId { get; init; }
    public required ModelArtsCredentials Credentials { get; init; }

    /// <summary>
    /// Retries after the first attempt, for throttling, 5xx, timeouts and dropped connections. 0 disables retries. A
    /// refused connection gets one quick retry at most, and a host name that does not resolve none.
    /// </summary>
    public int MaxRetries { get; init; } = DefaultMaxRetries;

    /// <summary>Timeout of one HTTP attempt (not of the whole listing).</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>Bound on one whole listing, every page, retry and wait included: the worst case a lookup can cost.</summary>
    public TimeSpan LookupTimeout { get; init; } = DefaultLookupTimeout;

    /// <summary>Images per page (<c>limit</c>); the API's maximum and default is 200.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>How many pages are fetched at once after the first page told how many there are.</summary>
    public int MaxConcurrentPages { get; init; } = DefaultMaxConcurrentPages;

    /// <summary>First backoff delay; later ones double, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Least wait after a 429 without Retry-After (Huawei advises 2-5 s).</summary>
    public TimeSpan ThrottleMinDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Wait before the one retry of a refused connection (a gateway that is restarting answers again soon).</summary>
    public TimeSpan RefusedRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Cap on any single backoff delay, Retry-After included.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Skip TLS certificate verification (self-signed gateways only).</summary>
    public bool Insecure { get; init; }

    /// <summary>Told of every retry before its wait, so slow work shows while it happens; null: nobody listens.</summary>
    public Func<Resilience.RetryNotice, ValueTask>? OnRetry { get; init; }

    /// <summary>How messages name the settings above, so they can say which one to change.</summary>
    public SettingNames Names { get; init; } = SettingNames.Plain;

    /// <summary>Sends every page request one after another (the behaviour of Huawei's Terraform data source); benchmarks compare against it.</summary>
    public bool SequentialPaging { get; init; }
}
