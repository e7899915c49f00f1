using System.Net;
using Grpc.Core;
using ModelArts.Provider.ModelArtsApi;

namespace ModelArts.Provider.Protocol;

/// <summary>How failures that are not the user's input leave as gRPC status codes.</summary>
internal static class RpcErrors
{
    /// <summary>An API failure keeps HTTP status, error code and request id in its message; the code says what kind it is.</summary>
    public static RpcException FromApi(ModelArtsApiException e, SecretRedactor redactor)
    {
        var code = e.StatusCode switch
        {
            HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
            HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
            HttpStatusCode.TooManyRequests => StatusCode.ResourceExhausted,
            null => StatusCode.Unavailable,
            var s when (int)s >= 500 || e.IsTransient => StatusCode.Unavailable, // 5xx, or a 200 with a broken body
            _ => StatusCode.FailedPrecondition,
        };
        return new RpcException(new Status(code, redactor.Redact(e.Message)));
    }

    public static RpcException NotConfigured() =>
        new(new Status(StatusCode.FailedPrecondition, "the modelarts provider is not configured yet (Configure must succeed before Invoke)"));

    public static RpcException Cancelled() => new(new Status(StatusCode.Cancelled, "the operation was cancelled"));
}
