using Microsoft.Extensions.Time.Testing;
using ModelArts.Provider.ModelArtsApi;

namespace ModelArts.UnitTests.ModelArtsApi;

internal static class ClientFactory
{
    public const string SecretKey = TestFixtures.TestCredentials.SecretKey;

    /// <summary>A client on <paramref name="transport"/> with tiny real delays, for tests about paging, not waiting.</summary>
    public static ModelArtsClient Create(HttpMessageHandler transport, int maxRetries = 5, int pageSize = 200, bool sequential = false) =>
        new(Options(maxRetries, pageSize, sequential) with
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            ThrottleMinDelay = TimeSpan.FromMilliseconds(1),
            RefusedRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        }, transport: transport);

    /// <summary>A client with the production delays on a fake clock: every wait passes only as <paramref name="time"/> is moved.</summary>
    public static ModelArtsClient OnFakeClock(HttpMessageHandler transport, FakeTimeProvider time, int maxRetries = 5) =>
        new(Options(maxRetries, 200, false) with { RequestTimeout = TimeSpan.FromHours(1) }, time, transport);

    private static ModelArtsClientOptions Options(int maxRetries, int pageSize, bool sequential) => new()
    {
        Endpoint = new Uri("http://127.0.0.1:1/"),
        ProjectId = TestFixtures.TestCredentials.ProjectId,
        Credentials = new AkSkCredentials(TestFixtures.TestCredentials.AccessKey, SecretKey, null),
        MaxRetries = maxRetries,
        PageSize = pageSize,
        SequentialPaging = sequential,
        RequestTimeout = TimeSpan.FromSeconds(5),
    };
}
