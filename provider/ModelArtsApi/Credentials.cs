namespace ModelArts.Provider.ModelArtsApi;

/// <summary>How requests authenticate. <c>ToString</c> never shows a secret.</summary>
internal abstract record ModelArtsCredentials;

/// <summary>Permanent or temporary AK/SK; requests are signed with SDK-HMAC-SHA256.</summary>
internal sealed record AkSkCredentials(string AccessKey, string SecretKey, string? SecurityToken) : ModelArtsCredentials
{
    public override string ToString() => $"AK/SK (access key {AccessKey}{(SecurityToken is null ? "" : ", temporary")})";
}

/// <summary>An IAM token sent as X-Auth-Token.</summary>
internal sealed record TokenCredentials(string Token) : ModelArtsCredentials
{
    public override string ToString() => "IAM token";
}
