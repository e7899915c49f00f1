using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Functions.GetImage;
using ModelArts.Provider.Functions.GetImages;

namespace ModelArts.Provider.Functions;

/// <summary>
/// The functions this provider offers, by token. They are declared once at start-up (the schema needs them
/// before any Configure) and reach the configured lookup through <paramref name="lookup"/> at invoke time.
/// </summary>
internal sealed class FunctionRegistry(Func<ImageLookup> lookup)
{
    public IReadOnlyList<IFunction> All { get; } =
    [
        GetImagesFunction.Create(lookup),
        GetImageFunction.Create(lookup),
    ];

    public IFunction? Find(string token) => All.FirstOrDefault(f => f.Token == token);
}
