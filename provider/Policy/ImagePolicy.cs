namespace ModelArts.Provider.Policy;

/// <summary>What happens to an image that breaks the policy.</summary>
internal enum PolicyMode
{
    /// <summary>Never returned or selected; listed in policyViolations.</summary>
    Enforce,

    /// <summary>Returned, listed in policyViolations, and a warning goes to the engine's log.</summary>
    Audit,
}

/// <summary>
/// The platform team's allowed-images policy (provider config <c>imagePolicy</c>). An image is allowed
/// when it passes every rule that is set; a rule left null does not restrict.
/// </summary>
internal sealed record ImagePolicy
{
    public static readonly ImagePolicy None = new();

    public PolicyMode Mode { get; init; } = PolicyMode.Enforce;
    public IReadOnlyList<string>? AllowedIds { get; init; }
    public IReadOnlyList<string>? AllowedNamespaces { get; init; }

    /// <summary>Globs on the image name: <c>*</c> any run of characters, <c>?</c> one character.</summary>
    public IReadOnlyList<string>? AllowedNamePatterns { get; init; }
    public IReadOnlyList<string>? AllowedTypes { get; init; }
    public IReadOnlyList<string>? AllowedSwrPathPrefixes { get; init; }

    /// <summary>Largest allowed age in days, from <c>create_at</c>; an image exactly this old is allowed.</summary>
    public double? MaxAgeDays { get; init; }

    public bool HasRules =>
        AllowedIds is not null || AllowedNamespaces is not null || AllowedNamePatterns is not null ||
        AllowedTypes is not null || AllowedSwrPathPrefixes is not null || MaxAgeDays is not null;
}
