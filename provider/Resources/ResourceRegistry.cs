using ModelArts.Provider.Resources.Framework;
using ModelArts.Provider.Resources.PinnedImage;

namespace ModelArts.Provider.Resources;

/// <summary>
/// The resources this provider offers, by token. Declared once (the schema needs them before any Configure);
/// they reach the configured services through <paramref name="services"/> when the engine calls them.
/// </summary>
internal sealed class ResourceRegistry(Func<PinnedImageServices> services, TimeProvider time)
{
    /// <summary>What the schema writes, without a provider configuration.</summary>
    public static readonly IReadOnlyList<ResourceDeclaration> Declarations = [PinnedImageResource.Schema];

    public IReadOnlyList<IResource> All { get; } = [new PinnedImageResource(services, time)];

    public IResource? Find(string token) => All.FirstOrDefault(r => r.Declaration.Token == token);
}
