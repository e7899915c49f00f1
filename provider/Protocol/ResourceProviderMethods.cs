using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using ModelArts.Provider.Protocol.Rpc;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// The service's methods as Grpc.AspNetCore serves them, all from the generated binder
/// (<c>ResourceProvider.BindService</c>) and bound to the one service instance, except that Invoke answers an
/// <see cref="InvokeAnswer"/>: its marshaller encodes the result into the response as it writes it. The wire
/// is Pulumi's InvokeResponse either way; clients use the generated one.
/// </summary>
internal sealed class ResourceProviderMethods(ResourceProviderService service) : IServiceMethodProvider<ResourceProviderService>
{
    private static readonly Marshaller<InvokeAnswer> AnswerMarshaller =
        Marshallers.Create<InvokeAnswer>(InvokeAnswer.Serialize, _ => throw new NotSupportedException("the provider only writes invoke answers"));

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<ResourceProviderService> context) =>
        ResourceProvider.BindService(new GeneratedMethods(context), service);

    /// <summary>Takes the generated methods, all unary; Invoke keeps its name and request marshaller, and gets the answer's.</summary>
    private sealed class GeneratedMethods(ServiceMethodProviderContext<ResourceProviderService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            if (method is Method<InvokeRequest, InvokeResponse> invoke)
            {
                var answering = new Method<InvokeRequest, InvokeAnswer>(invoke.Type, invoke.ServiceName, invoke.Name, invoke.RequestMarshaller, AnswerMarshaller);
                context.AddUnaryMethod(answering, [], (instance, request, call) => instance.InvokeAnswerAsync(request, call));
                return;
            }

            context.AddUnaryMethod(method, [], (_, request, call) => handler!(request, call));
        }
    }
}
