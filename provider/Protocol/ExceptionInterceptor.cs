using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// Keeps bugs apart from user errors: RpcExceptions pass through; cancellation becomes CANCELLED; anything
/// else is a provider bug, reported (redacted) as INTERNAL and written to stderr, and the process keeps serving.
/// </summary>
internal sealed class ExceptionInterceptor(SecretRedactor redactor) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw RpcErrors.Cancelled();
        }
        catch (Exception e)
        {
            var text = redactor.Redact($"{e.GetType().Name}: {e.Message}");
            await Console.Error.WriteLineAsync($"pulumi-resource-modelarts: internal error in {context.Method}: {redactor.Redact(e.ToString())}").ConfigureAwait(false);
            throw new RpcException(new Status(StatusCode.Internal, $"internal error in pulumi-resource-modelarts ({text}); please report it"));
        }
    }
}
