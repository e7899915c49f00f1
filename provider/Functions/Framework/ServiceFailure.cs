namespace ModelArts.Provider.Functions.Framework;

/// <summary>What kind of failure of the service behind a function it was, for the status code the engine gets.</summary>
internal enum ServiceFailureKind
{
    /// <summary>The credentials were refused.</summary>
    Unauthenticated,

    /// <summary>The credentials lack permission.</summary>
    PermissionDenied,

    /// <summary>Throttled on every attempt.</summary>
    Throttled,

    /// <summary>No answer, or answers of a service that is unwell (5xx, broken bodies).</summary>
    Unavailable,

    /// <summary>The service refused the request for another reason (a 4xx).</summary>
    Rejected,
}

/// <summary>
/// The service behind a function failed; not the user's input, so not a <see cref="FunctionFailure"/>. The message
/// says what happened, with the request id, and what to change.
/// </summary>
internal sealed class ServiceFailure(ServiceFailureKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public ServiceFailureKind Kind { get; } = kind;
}
