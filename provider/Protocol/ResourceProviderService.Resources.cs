using ModelArts.Provider.Functions.Framework;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ModelArts.Provider.Protocol.Rpc;
using ModelArts.Provider.Resources.Framework;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// The resource RPCs (Check, Diff, Create, Read, Update, Delete), as pulumi/pulumi pkg/resource/plugin/provider_plugin.go
/// calls them: proto messages to domain requests and back. A ResourceFailure (user error) leaves as InvalidArgument with
/// its message, an API failure with its status, never as INTERNAL.
/// </summary>
internal sealed partial class ResourceProviderService
{
    public override Task<CheckResponse> Check(CheckRequest request, ServerCallContext context) =>
        ServeAsync(request.Type, request.Urn, context, async (resource, ct) =>
        {
            var result = await resource.CheckAsync(new CheckInputs(request.Urn, ValueConverter.ToObject(request.Olds), ValueConverter.ToObject(request.News)), ct).ConfigureAwait(false);
            var response = new CheckResponse { Inputs = ValueConverter.ToStruct(result.Inputs) };
            response.Failures.AddRange(result.Failures.Select(f => new CheckFailure { Property = f.Property, Reason = session.Redactor.Redact(f.Reason) }));
            return response;
        });

    public override Task<DiffResponse> Diff(DiffRequest request, ServerCallContext context) =>
        ServeAsync(request.Type, request.Urn, context, async (resource, ct) =>
        {
            var result = await resource.DiffAsync(new DiffInputs(request.Urn, request.Id, ValueConverter.ToObject(request.Olds),
                ValueConverter.ToObject(request.OldInputs), ValueConverter.ToObject(request.News)), ct).ConfigureAwait(false);
            // DIFF_SOME with replaces is a replace, without an update (pulumi/pulumi step_generator.go, generateSteps).
            var response = new DiffResponse
            {
                Changes = result.Changes.Count > 0 ? DiffResponse.Types.DiffChanges.DiffSome : DiffResponse.Types.DiffChanges.DiffNone,
                HasDetailedDiff = true,
            };
            response.Diffs.AddRange(result.Changes.Select(c => c.Name));
            response.Replaces.AddRange(result.Replaces);
            foreach (var change in result.Changes)
            {
                response.DetailedDiff[change.Name] = new PropertyDiff { Kind = Kind(change), InputDiff = true };
            }

            return response;
        });

    public override Task<CreateResponse> Create(CreateRequest request, ServerCallContext context) =>
        ServeAsync(request.Type, request.Urn, context, async (resource, ct) =>
        {
            var state = await resource.CreateAsync(new CreateInputs(request.Urn, ValueConverter.ToObject(request.Properties), request.Preview), ct).ConfigureAwait(false);
            return new CreateResponse { Id = state.Id, Properties = ValueConverter.ToStruct(state.Outputs) };
        });

    public override Task<ReadResponse> Read(ReadRequest request, ServerCallContext context) =>
        ServeAsync(request.Type, request.Urn, context, async (resource, ct) =>
        {
            var state = await resource.ReadAsync(new ReadInputs(request.Urn, request.Id, ValueConverter.ToObject(request.Properties), ValueConverter.ToObject(request.Inputs)), ct).ConfigureAwait(false);
            // An empty id says the resource is gone (pulumi/pulumi step.go, RefreshStep.Apply and ReadStep.Apply).
            var response = new ReadResponse { Id = state.Id, Properties = ValueConverter.ToStruct(state.Outputs) };
            if (state.Inputs is { } inputs)
            {
                response.Inputs = ValueConverter.ToStruct(inputs);
            }

            return response;
        });

    public override Task<UpdateResponse> Update(UpdateRequest request, ServerCallContext context) =>
        ServeAsync(request.Type, request.Urn, context, async (resource, ct) =>
        {
            var state = await resource.UpdateAsync(new UpdateInputs(request.Urn, request.Id, ValueConverter.ToObject(request.Olds),
                ValueConverter.ToObject(request.OldInputs), ValueConverter.ToObject(request.News), request.Preview), ct).ConfigureAwait(false);
            return new UpdateResponse { Properties = ValueConverter.ToStruct(state.Outputs) };
        });

    public override Task<Empty> Delete(DeleteRequest request, ServerCallContext context) =>
        ServeAsync(request.Type, request.Urn, context, async (resource, ct) =>
        {
            await resource.DeleteAsync(new DeleteInputs(request.Urn, request.Id, ValueConverter.ToObject(request.Properties)), ct).ConfigureAwait(false);
            return new Empty();
        });

    private static PropertyDiff.Types.Kind Kind(PropertyChange change) => (change.Kind, change.Replaces) switch
    {
        (PropertyChangeKind.Add, false) => PropertyDiff.Types.Kind.Add,
        (PropertyChangeKind.Add, true) => PropertyDiff.Types.Kind.AddReplace,
        (PropertyChangeKind.Delete, false) => PropertyDiff.Types.Kind.Delete,
        (PropertyChangeKind.Delete, true) => PropertyDiff.Types.Kind.DeleteReplace,
        (_, false) => PropertyDiff.Types.Kind.Update,
        _ => PropertyDiff.Types.Kind.UpdateReplace,
    };

    private async Task<T> ServeAsync<T>(string type, string urn, ServerCallContext context, Func<IResource, CancellationToken, Task<T>> serve)
    {
        var token = type.Length > 0 ? type : TypeOf(urn);
        var resource = session.Resources.Find(token) ?? throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument,
            $"unknown resource type \"{token}\"; the modelarts provider offers {string.Join(", ", session.Resources.All.Select(r => r.Declaration.Token))}"));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, session.Cancellation);
        try
        {
            return await serve(resource, cancel.Token).ConfigureAwait(false);
        }
        catch (ResourceFailure failure)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, session.Redactor.Redact(failure.Message)));
        }
        catch (ServiceFailure e)
        {
            throw RpcErrors.FromService(e, session.Redactor);
        }
    }

    /// <summary>The type of <c>urn:pulumi:stack::project::[parent$]type::name</c>, for an engine that leaves <c>type</c> empty.</summary>
    private static string TypeOf(string urn)
    {
        var parts = urn.Split("::");
        return parts.Length >= 4 ? parts[^2].Split('$')[^1] : "";
    }
}
