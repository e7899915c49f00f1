using ModelArts.Provider.Configuration;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.Policy;
using ModelArts.Provider.Query;
using ModelArts.Provider.Resources.PinnedImage;

namespace ModelArts.Provider.Protocol;

/// <summary>Everything one successful Configure sets up: API client, shared listing cache, policy, lookup.</summary>
internal sealed class ConfiguredServices : IDisposable
{
    private readonly ModelArtsClient _client;

    public ConfiguredServices(ProviderConfig config, IUserLog log, TimeProvider time)
    {
        Config = config;
        // Every retry reaches the engine's log while it waits: a warning once it costs seconds, else a note.
        _client = new ModelArtsClient(config.ToClientOptions() with
        {
            OnRetry = notice => new ValueTask(notice.IsCostly ? log.WarnAsync(notice.Message, CancellationToken.None) : log.InfoAsync(notice.Message, CancellationToken.None)),
        }, time);
        Catalog = new ImageCatalog(_client);
        Lookup = new ImageLookup(new ImageFinder(Catalog), new PolicyEvaluator(config.ImagePolicy, time), log);
        Pins = new PinnedImageServices(Catalog, Lookup, log);
    }

    public ProviderConfig Config { get; }
    public ImageCatalog Catalog { get; }
    public ImageLookup Lookup { get; }
    public InvokeCache Answers { get; } = new();
    public PinnedImageServices Pins { get; }

    public void Dispose()
    {
        Catalog.Dispose();
        _client.Dispose();
    }
}
