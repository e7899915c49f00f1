using ModelArts.Provider.Configuration;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.Policy;
using ModelArts.Provider.Query;

namespace ModelArts.Provider.Host;

/// <summary>The wiring of one successful Configure: API client, shared listing cache, policy, lookup.</summary>
internal sealed class ConfiguredServices : IConfiguredLookup
{
    private readonly ModelArtsClient _client;
    private readonly ImageCatalog _catalog;

    public ConfiguredServices(ProviderConfig config, IUserLog log, TimeProvider time)
    {
        // Every retry reaches the engine's log while it waits: a warning once it costs seconds, else a note.
        _client = new ModelArtsClient(config.ToClientOptions() with
        {
            OnRetry = notice => new ValueTask(notice.IsCostly ? log.WarnAsync(notice.Message, CancellationToken.None) : log.InfoAsync(notice.Message, CancellationToken.None)),
        }, time);
        _catalog = new ImageCatalog(_client);
        Lookup = new ImageLookup(new ImageFinder(_catalog), new PolicyEvaluator(config.ImagePolicy, time), log);
    }

    public ImageLookup Lookup { get; }

    public void CancelAll() => _catalog.CancelAll();

    public void Dispose()
    {
        _catalog.Dispose();
        _client.Dispose();
    }
}
