using System.Collections.Concurrent;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Policy;
using ModelArts.Provider.Query;

namespace ModelArts.Provider.Resources.PinnedImage;

/// <summary>
/// What pins use within one provider configuration (one <c>pulumi preview</c>/<c>up</c>): the shared listing
/// cache and lookup that the functions use too, so checking a pin costs no request beyond that shared listing,
/// and a memory of which pins were already warned about, so each warns once.
/// </summary>
internal sealed class PinnedImageServices(ImageCatalog catalog, ImageLookup lookup, IUserLog log)
{
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);

    public ImageCatalog Catalog => catalog;

    /// <summary>Resolves as getImage does, audit warnings included (Create, Update, changed inputs).</summary>
    public ImageLookup Lookup => lookup;

    /// <summary>
    /// The same search without its audit warnings, for re-checking unchanged pins: ten pins of one query would
    /// otherwise repeat the same warnings ten times; the pin's own verdict is warned about once, by the resource.
    /// </summary>
    public ImageLookup QuietLookup { get; } = new(new ImageFinder(catalog), lookup.Policy, new SilentLog(log));

    public PolicyEvaluator Policy => lookup.Policy;

    public IUserLog Log => log;

    /// <summary>True the first time a (pin, topic) is seen in this configuration.</summary>
    public bool FirstTime(string urn, string topic) => _warned.TryAdd(urn + "\n" + topic, true);

    /// <summary>Keeps debug notes (shown with --debug), drops the warnings the quiet lookup must not repeat.</summary>
    private sealed class SilentLog(IUserLog inner) : IUserLog
    {
        public Task WarnAsync(string message, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task WarnAboutAsync(string urn, string message, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task InfoAsync(string message, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task DebugAsync(string message, CancellationToken cancellationToken) => inner.DebugAsync(message, cancellationToken);
    }
}
