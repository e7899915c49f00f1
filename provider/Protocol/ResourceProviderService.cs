using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ModelArts.Provider.Configuration;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Protocol.Rpc;
using ModelArts.Provider.Schema;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// The gRPC face of the provider. Proto types stay in this class: requests are turned into
/// <see cref="PropertyValue"/>s and typed config, responses built from outcomes. User errors become
/// check failures; API failures become status codes that carry HTTP status, error code and request id.
/// </summary>
internal sealed partial class ResourceProviderService(ProviderSession session, ConfigReader configReader) : ResourceProvider.ResourceProviderBase
{
    private readonly Lazy<string> _schema = new(() => PackageSchema.Json(session.Functions.All));

    public override Task<ProviderHandshakeResponse> Handshake(ProviderHandshakeRequest request, ServerCallContext context)
    {
        session.Log.Connect(request.EngineAddress);
        return Task.FromResult(new ProviderHandshakeResponse { AcceptSecrets = true, AcceptResources = false, AcceptOutputs = false });
    }

    public override Task<Empty> Attach(PluginAttach request, ServerCallContext context)
    {
        session.Log.Connect(request.Address);
        return Task.FromResult(new Empty());
    }

    public override Task<PluginInfo> GetPluginInfo(Empty request, ServerCallContext context) =>
        Task.FromResult(new PluginInfo { Version = PackageInfo.Version });

    public override Task<GetSchemaResponse> GetSchema(GetSchemaRequest request, ServerCallContext context)
    {
        if (request.SubpackageName.Length > 0)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, $"the modelarts package has no subpackage \"{request.SubpackageName}\""));
        }

        return Task.FromResult(new GetSchemaResponse { Schema = _schema.Value });
    }

    public override Task<CheckResponse> CheckConfig(CheckRequest request, ServerCallContext context)
    {
        var result = configReader.Read(ValueConverter.ToObject(request.News));
        if (result.Config is { } config)
        {
            session.Redactor.Remember(config.Credentials.SecretValues);
        }

        // The news go back unchanged: the engine rejects a changed or dropped `version`, and secrets stay wrapped.
        var response = new CheckResponse { Inputs = request.News ?? new Struct() };
        response.Failures.AddRange(result.Failures.Select(f => new CheckFailure { Property = f.Key, Reason = session.Redactor.Redact(f.Reason) }));
        return Task.FromResult(response);
    }

    public override Task<DiffResponse> DiffConfig(DiffRequest request, ServerCallContext context)
    {
        var olds = request.Olds?.Fields ?? new Struct().Fields;
        var news = request.News?.Fields ?? new Struct().Fields;
        var changed = olds.Keys.Union(news.Keys)
            .Where(k => k != "version")
            .Where(k => !(olds.TryGetValue(k, out var o) && news.TryGetValue(k, out var n) && o.Equals(n)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var response = new DiffResponse { Changes = changed.Count > 0 ? DiffResponse.Types.DiffChanges.DiffSome : DiffResponse.Types.DiffChanges.DiffNone };
        response.Diffs.AddRange(changed);
        return Task.FromResult(response);
    }

    public override Task<ConfigureResponse> Configure(ConfigureRequest request, ServerCallContext context)
    {
        var args = request.Args is not null
            ? ValueConverter.ToObject(request.Args)
            : new PropertyValue.ObjectValue(request.Variables.Select(v => new KeyValuePair<string, PropertyValue>(v.Key, new PropertyValue.StringValue(v.Value))).ToList());
        var result = configReader.Read(args);
        if (result.Config is null)
        {
            throw ConfigureError(result.Failures);
        }

        session.Configure(result.Config);
        return Task.FromResult(new ConfigureResponse { AcceptSecrets = true, SupportsPreview = true, AcceptResources = false, AcceptOutputs = false });
    }

    /// <summary>Invoke, bound by <see cref="ResourceProviderMethods"/>: the answer is encoded as the response is written.</summary>
    public async Task<InvokeAnswer> InvokeAnswerAsync(InvokeRequest request, ServerCallContext context)
    {
        var function = session.Functions.Find(request.Tok) ?? throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument,
            $"unknown function \"{request.Tok}\"; the modelarts provider offers {string.Join(", ", session.Functions.All.Select(f => f.Token))}"));
        var configured = session.Configured ?? throw RpcErrors.NotConfigured();
        var args = ValueConverter.ToObject(request.Args);

        // The shared computation runs under the session's cancellation only: one impatient caller must not
        // cancel an answer that others are waiting for. Each caller still stops waiting when it is cancelled.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, session.Cancellation);
        try
        {
            return await configured.Answers.GetOrAddAsync(InvokeCache.Key(request.Tok, args),
                () => ComputeAsync(function, args, session.Cancellation), cancel.Token).ConfigureAwait(false);
        }
        catch (ServiceFailure e)
        {
            throw RpcErrors.FromService(e, session.Redactor); // cancellation is mapped by ExceptionInterceptor, for every RPC
        }
    }

    private async Task<InvokeAnswer> ComputeAsync(IFunction function, PropertyValue.ObjectValue args, CancellationToken cancellationToken)
    {
        var outcome = await function.InvokeAsync(args, cancellationToken).ConfigureAwait(false);
        return outcome.Failures.Count > 0
            ? new InvokeAnswer(null, outcome.Failures.Select(f => new CheckFailure { Property = f.Property, Reason = session.Redactor.Redact(f.Reason) }).ToList())
            : new InvokeAnswer(outcome.Result!, []);
    }

    public override Task<Empty> Cancel(Empty request, ServerCallContext context)
    {
        session.Cancel();
        return Task.FromResult(new Empty());
    }

    /// <summary>A Configure error; missing keys ride along as ConfigureErrorMissingKeys so the CLI can say which key to set.</summary>
    private RpcException ConfigureError(IReadOnlyList<ConfigReader.Failure> failures)
    {
        var message = "invalid modelarts provider configuration: " + session.Redactor.Redact(string.Join("; ", failures.Select(f => $"{f.Key} {f.Reason}")));
        var missing = new ConfigureErrorMissingKeys();
        missing.MissingKeys.AddRange(failures.Where(f => f.Missing).Select(f => new ConfigureErrorMissingKeys.Types.MissingKey
        {
            Name = $"modelarts:{f.Key}",
            Description = ConfigKeys.All.FirstOrDefault(k => k.Name == f.Key)?.Description ?? f.Reason,
        }));
        var trailers = new Metadata();
        if (missing.MissingKeys.Count > 0)
        {
            var status = new Rpc.Status { Code = (int)StatusCode.InvalidArgument, Message = message };
            status.Details.Add(Any.Pack(missing));
            trailers.Add("grpc-status-details-bin", status.ToByteArray());
        }

        return new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, message), trailers);
    }
}
