using ModelArts.Provider.Configuration;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Resources;

namespace ModelArts.Provider.Protocol;

/// <summary>What one successful Configure set up: the config, its lookup services, and the answers kept for it.</summary>
internal sealed record ActiveConfiguration(ProviderConfig Config, IConfiguredServices Services, InvokeCache Answers);

/// <summary>Builds the services of one configuration (the host's wiring); <paramref name="log"/> is what users see.</summary>
internal delegate IConfiguredServices LookupFactory(ProviderConfig config, IUserLog log);

/// <summary>
/// State of one plugin process across RPCs: the engine connection, the current configuration, and the
/// root cancellation that the engine's Cancel trips. The host says how a configuration's services are built.
/// </summary>
internal sealed class ProviderSession : IDisposable
{
    private readonly CancellationTokenSource _root = new();
    private readonly LookupFactory _build;
    private volatile ActiveConfiguration? _configured;

    public ProviderSession(EngineLog log, SecretRedactor redactor, LookupFactory build, TimeProvider time)
    {
        Log = log;
        Redactor = redactor;
        _build = build;
        Functions = new FunctionRegistry(() => (_configured ?? throw RpcErrors.NotConfigured()).Services.Lookup);
        Resources = new ResourceRegistry(() => (_configured ?? throw RpcErrors.NotConfigured()).Services.Pins, time);
    }

    public EngineLog Log { get; }
    public SecretRedactor Redactor { get; }
    public FunctionRegistry Functions { get; }
    public ResourceRegistry Resources { get; }
    public ActiveConfiguration? Configured => _configured;
    public CancellationToken Cancellation => _root.Token;

    public void Configure(ProviderConfig config)
    {
        Redactor.Remember(config.Credentials.SecretValues);
        var previous = Interlocked.Exchange(ref _configured, new ActiveConfiguration(config, _build(config, Log), new InvokeCache()));
        previous?.Services.Dispose();
    }

    /// <summary>The engine is shutting down: stop every lookup in flight.</summary>
    public void Cancel()
    {
        _root.Cancel();
        _configured?.Services.CancelAll();
    }

    public void Dispose()
    {
        _root.Cancel();
        _configured?.Services.Dispose();
        _root.Dispose();
        Log.Dispose();
    }
}
