using ModelArts.Provider.Configuration;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.Policy;
using ModelArts.Provider.Protocol;
using ModelArts.Provider.Query;
using ModelArts.Provider.Resources.PinnedImage;

namespace ModelArts.Provider.Host;

/// <summary>The wiring of one successful Configure: API client, shared listing cache, policy, lookup, pins.</summary>
internal sealed class ConfiguredServices : IConfiguredServices
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
        Pins = new PinnedImageServices(_catalog, Lookup, log);
    }

    public ImageLookup Lookup { get; }

    public PinnedImageServices Pins { get; }

    public void CancelAll() => _catalog.CancelAll();

    public void Dispose()
    {
        _catalog.Dispose();
        _client.Dispose();
    }
}
