namespace ModelArts.Provider.ModelArtsApi.Signing;

/// <summary>
/// Adds authentication to every outgoing request: an SDK-HMAC-SHA256 signature over host, X-Sdk-Date,
/// X-Project-Id and (temporary credentials) X-Security-Token, or an X-Auth-Token header.
/// Runs inside the retry loop so that each attempt gets a fresh date and signature.
/// </summary>
internal sealed class AuthenticationHandler(ModelArtsCredentials credentials, string projectId, TimeProvider time) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers;
        headers.Remove("X-Project-Id");
        headers.TryAddWithoutValidation("X-Project-Id", projectId);
        switch (credentials)
        {
            case TokenCredentials token:
                headers.Remove("X-Auth-Token");
                headers.TryAddWithoutValidation("X-Auth-Token", token.Token);
                break;
            case AkSkCredentials aksk:
                Sign(request, aksk);
                break;
        }

        return base.SendAsync(request, cancellationToken);
    }

    private void Sign(HttpRequestMessage request, AkSkCredentials aksk)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("request has no URI");
        var date = time.GetUtcNow().UtcDateTime.ToString(SdkHmacSigner.DateFormat, System.Globalization.CultureInfo.InvariantCulture);
        var headers = request.Headers;
        headers.Remove(SdkHmacSigner.DateHeader);
        headers.TryAddWithoutValidation(SdkHmacSigner.DateHeader, date);
        if (aksk.SecurityToken is not null)
        {
            headers.Remove("X-Security-Token");
            headers.TryAddWithoutValidation("X-Security-Token", aksk.SecurityToken);
        }

        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var signed = new List<KeyValuePair<string, string>>
        {
            new("host", host),
            new("x-sdk-date", date),
            new("x-project-id", projectId),
        };
        if (aksk.SecurityToken is not null)
        {
            signed.Add(new("x-security-token", aksk.SecurityToken));
        }

        // GET only here, so the body is always empty.
        var canonical = SdkHmacSigner.CanonicalRequest(request.Method.Method, uri.AbsolutePath, uri.Query, signed, SdkHmacSigner.EmptyBodySha256);
        var signature = SdkHmacSigner.Signature(aksk.SecretKey, SdkHmacSigner.StringToSign(date, canonical));
        headers.Remove("Authorization");
        headers.TryAddWithoutValidation("Authorization",
            SdkHmacSigner.AuthorizationHeader(aksk.AccessKey, SdkHmacSigner.SignedHeaderNames(signed.Select(h => h.Key)), signature));
    }
}
