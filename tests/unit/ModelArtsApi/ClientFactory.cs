using ModelArts.Provider.ModelArtsApi;

namespace ModelArts.UnitTests.ModelArtsApi;

internal static class ClientFactory
{
    public const string SecretKey = "unit-test-secret-key";

    public static ModelArtsClient Create(HttpMessageHandler transport, int maxRetries = 5, int pageSize = 200, bool sequential = false) =>
        new(new ModelArtsClientOptions
        {
            Endpoint = new Uri("http://127.0.0.1:1/"),
            ProjectId = "proj",
            Credentials = new AkSkCredentials("AK", SecretKey, null),
            MaxRetries = maxRetries,
            PageSize = pageSize,
            SequentialPaging = sequential,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            ThrottleMinDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            RequestTimeout = TimeSpan.FromSeconds(5),
        }, transport: transport);
}
