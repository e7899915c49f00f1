using ModelArts.Provider.Configuration;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Resources;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// State of one plugin process across RPCs: the engine connection, the current configuration, and the
/// root cancellation that the engine's Cancel trips.
/// </summary>
internal sealed class ProviderSession : IDisposable
{
    private readonly CancellationTokenSource _root = new();
    private readonly TimeProvider _time;
    private volatile ConfiguredServices? _configured;

    public ProviderSession(EngineLog log, SecretRedactor redactor, TimeProvider time)
    {
        Log = log;
        Redactor = redactor;
        _time = time;
        Functions = new FunctionRegistry(() => (_configured ?? throw RpcErrors.NotConfigured()).Lookup);
        Resources = new ResourceRegistry(() => (_configured ?? throw RpcErrors.NotConfigured()).Pins, time);
    }

    public EngineLog Log { get; }
    public SecretRedactor Redactor { get; }
    public FunctionRegistry Functions { get; }
    public ResourceRegistry Resources { get; }
    public ConfiguredServices? Configured => _configured;
    public CancellationToken Cancellation => _root.Token;

    public void Configure(ProviderConfig config)
    {
        Redactor.Remember(config.Credentials.SecretValues);
        var previous = Interlocked.Exchange(ref _configured, new ConfiguredServices(config, Log, _time));
        previous?.Dispose();
    }

    /// <summary>The engine is shutting down: stop every lookup in flight.</summary>
    public void Cancel()
    {
        _root.Cancel();
        _configured?.Catalog.CancelAll();
    }

    public void Dispose()
    {
        _root.Cancel();
        _configured?.Dispose();
        _root.Dispose();
        Log.Dispose();
    }
}
