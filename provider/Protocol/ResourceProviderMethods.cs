using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using ModelArts.Provider.Protocol.Rpc;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// The service's methods as Grpc.AspNetCore serves them. Every method but Invoke comes from the generated binder
/// (<c>ResourceProvider.BindService</c>), bound to the one service instance; Invoke answers an
/// <see cref="InvokeAnswer"/>, whose marshaller encodes the result into the response as it writes it. The wire
/// is Pulumi's InvokeResponse either way; clients use the generated one.
/// </summary>
internal sealed class ResourceProviderMethods(ResourceProviderService service) : IServiceMethodProvider<ResourceProviderService>
{
    public static readonly Method<InvokeRequest, InvokeAnswer> Invoke = new(
        MethodType.Unary,
        ResourceProvider.Descriptor.FullName,
        nameof(ResourceProvider.ResourceProviderBase.Invoke),
        Marshallers.Create<InvokeRequest>(
            (request, context) => context.Complete(request.ToByteArray()),
            (DeserializationContext context) => InvokeRequest.Parser.ParseFrom(context.PayloadAsReadOnlySequence())),
        Marshallers.Create<InvokeAnswer>(InvokeAnswer.Serialize, _ => throw new NotSupportedException("the provider only writes invoke answers")));

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<ResourceProviderService> context)
    {
        ResourceProvider.BindService(new GeneratedMethods(context), service);
        context.AddUnaryMethod(Invoke, [], (instance, request, call) => instance.InvokeAnswerAsync(request, call));
    }

    /// <summary>Takes the generated methods, all unary, except the generated Invoke.</summary>
    private sealed class GeneratedMethods(ServiceMethodProviderContext<ResourceProviderService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            if (method.Name != Invoke.Name)
            {
                context.AddUnaryMethod(method, [], (_, request, call) => handler!(request, call));
            }
        }
    }
}
