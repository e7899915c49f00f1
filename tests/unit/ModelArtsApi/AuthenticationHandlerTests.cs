using System.Net;
using Microsoft.Extensions.Time.Testing;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.ModelArtsApi.Signing;

namespace ModelArts.UnitTests.ModelArtsApi;

public sealed class AuthenticationHandlerTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 30, 8, 0, 0, TimeSpan.Zero);

    private static async Task<HttpRequestMessage> SendThrough(ModelArtsCredentials credentials)
    {
        var capture = new CapturingHandler();
        using var client = new HttpClient(new AuthenticationHandler(credentials, "proj1", new FakeTimeProvider(Now)) { InnerHandler = capture });
        await client.GetAsync("https://modelarts.cn-north-4.myhuaweicloud.com/v1/proj1/images?limit=200&offset=0");
        return capture.Request!;
    }

    [Fact]
    public async Task AkSk_SignsHostDateProjectAndToken()
    {
        var request = await SendThrough(new AkSkCredentials("AK1", "SK1", "temp-token"));

        Assert.Equal("20240530T080000Z", request.Headers.GetValues("X-Sdk-Date").Single());
        Assert.Equal("proj1", request.Headers.GetValues("X-Project-Id").Single());
        Assert.Equal("temp-token", request.Headers.GetValues("X-Security-Token").Single());
        var auth = request.Headers.GetValues("Authorization").Single();
        Assert.StartsWith("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-project-id;x-sdk-date;x-security-token, Signature=", auth);

        var canonical = SdkHmacSigner.CanonicalRequest("GET", "/v1/proj1/images", "?limit=200&offset=0",
        [
            new("host", "modelarts.cn-north-4.myhuaweicloud.com"), new("x-sdk-date", "20240530T080000Z"),
            new("x-project-id", "proj1"), new("x-security-token", "temp-token"),
        ], SdkHmacSigner.EmptyBodySha256);
        Assert.EndsWith("Signature=" + SdkHmacSigner.Signature("SK1", SdkHmacSigner.StringToSign("20240530T080000Z", canonical)), auth);
        Assert.DoesNotContain(request.Headers, h => h.Key.Contains('_'));
    }

    [Fact]
    public async Task Token_SendsXAuthTokenAndNoSignature()
    {
        var request = await SendThrough(new TokenCredentials("iam-token"));

        Assert.Equal("iam-token", request.Headers.GetValues("X-Auth-Token").Single());
        Assert.False(request.Headers.Contains("Authorization"));
    }

    [Fact]
    public void Credentials_ToString_NeverShowsSecrets()
    {
        Assert.DoesNotContain("SK1", new AkSkCredentials("AK1", "SK1", "TOK").ToString());
        Assert.DoesNotContain("TOK", new AkSkCredentials("AK1", "SK1", "TOK").ToString());
        Assert.DoesNotContain("iam-token", new TokenCredentials("iam-token").ToString());
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
