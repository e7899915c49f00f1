using Grpc.Core;
using ModelArts.Provider.Functions.Framework;

namespace ModelArts.Provider.Protocol;

/// <summary>How failures that are not the user's input leave as gRPC status codes.</summary>
internal static class RpcErrors
{
    /// <summary>A failure of the API keeps HTTP status, error code and request id in its message; the code says what kind it is.</summary>
    public static RpcException FromService(ServiceFailure e, SecretRedactor redactor)
    {
        var code = e.Kind switch
        {
            ServiceFailureKind.Unauthenticated => StatusCode.Unauthenticated,
            ServiceFailureKind.PermissionDenied => StatusCode.PermissionDenied,
            ServiceFailureKind.Throttled => StatusCode.ResourceExhausted,
            ServiceFailureKind.Unavailable => StatusCode.Unavailable,
            _ => StatusCode.FailedPrecondition,
        };
        return new RpcException(new Status(code, redactor.Redact(e.Message)));
    }

    public static RpcException NotConfigured() =>
        new(new Status(StatusCode.FailedPrecondition, "the modelarts provider is not configured yet (Configure must succeed before Invoke)"));

    public static RpcException Cancelled() => new(new Status(StatusCode.Cancelled, "the operation was cancelled"));
}
