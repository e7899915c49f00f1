namespace ModelArts.Provider.ModelArtsApi;

/// <summary>How requests authenticate. <c>ToString</c> never shows a secret.</summary>
internal abstract record ModelArtsCredentials
{
    /// <summary>The values that must never appear in a log line, error or output.</summary>
    public abstract IReadOnlyList<string?> SecretValues { get; }
}

/// <summary>Permanent or temporary AK/SK; requests are signed with SDK-HMAC-SHA256.</summary>
internal sealed record AkSkCredentials(string AccessKey, string SecretKey, string? SecurityToken) : ModelArtsCredentials
{
    public override IReadOnlyList<string?> SecretValues => [SecretKey, SecurityToken];

    public override string ToString() => $"AK/SK (access key {AccessKey}{(SecurityToken is null ? "" : ", temporary")})";
}

/// <summary>An IAM token sent as X-Auth-Token.</summary>
internal sealed record TokenCredentials(string Token) : ModelArtsCredentials
{
    public override IReadOnlyList<string?> SecretValues => [Token];

    public override string ToString() => "IAM token";
}
