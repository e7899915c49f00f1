using ModelArts.Provider.Functions;
using ModelArts.Provider.Resources.PinnedImage;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// What one successful Configure gives the RPCs: the policed image lookup of the functions, what pins use, and a way
/// to stop every listing in flight when the engine cancels. The host builds it (API client, listing cache, policy);
/// disposing it frees them.
/// </summary>
internal interface IConfiguredServices : IDisposable
{
    ImageLookup Lookup { get; }

    PinnedImageServices Pins { get; }

    /// <summary>The engine is shutting down: stop every listing in flight.</summary>
    void CancelAll();
}
