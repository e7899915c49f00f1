using ModelArts.Provider.Functions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Functions.GetImage;
using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.Query;
using ModelArts.Provider.Resources.Framework;
using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.Provider.Resources.PinnedImage;

/// <summary>
/// <c>modelarts:index:PinnedImage</c>: resolves one image as getImage does, once, and keeps it in the stack's state
/// until its inputs or keepers change. The resource id is the image id; Delete touches nothing.
/// </summary>
internal sealed partial class PinnedImageResource(Func<PinnedImageServices> services, TimeProvider time) : IResource
{
    public const string Token = "modelarts:index:PinnedImage";

    public const string Description =
        "Resolves one ModelArts image as getImage does, once, and keeps it in the stack's state until its inputs or `keepers` change: " +
        "images published later never move it (preview warns once that a newer match exists). Changed inputs re-resolve: the same image " +
        "is an update in place, another image a replace. Refresh drops a pin whose image is gone; a pin that now breaks `imagePolicy` fails (enforce) or warns (audit).";

    public static readonly ResourceDeclaration Schema = new(
        Token,
        Description,
        PinnedImageArgs.Inputs.Select(i => new SchemaProperty(i.Name, i.Type, i.Description, false, i.Default, false)).ToList(),
        [.. PinnedImageOutputs.Computed, .. PinnedImageArgs.Inputs.Where(i => i.Name != PinnedImageArgs.ImageId).Select(i => new SchemaProperty(i.Name, i.Type, i.Description, false, null, false))]);

    public ResourceDeclaration Declaration => Schema;

    public Task<CheckResult> CheckAsync(CheckInputs request, CancellationToken cancellationToken)
    {
        // Unknown inputs (preview, computed from another resource) are checked once they are known, at up.
        var (_, failures) = InputDecoder.Decode(Token, new PinnedImageArgs(), PinnedImageArgs.Inputs, request.News, UnknownInputs.Skip);
        return Task.FromResult(new CheckResult(WithDefaults(request.News), failures));
    }

    /// <summary>
    /// Nulls dropped (an input left unset), and the default the provider itself applies (mostRecent: false) made
    /// explicit. nameFuzzyMatch is the API's own default and is never sent when absent, so it stays absent: an
    /// explicit value would change the API query and stop this pin sharing a listing with getImage.
    /// </summary>
    private static ObjectValue WithDefaults(ObjectValue news)
    {
        var given = news.Properties.Where(p => p.Value is not NullValue).ToList();
        const string mostRecent = "mostRecent";
        if (given.All(p => p.Key != mostRecent))
        {
            given.Add(new(mostRecent, new BoolValue(false)));
        }

        return new ObjectValue(given);
    }

    public async Task<ResourceState> CreateAsync(CreateInputs request, CancellationToken cancellationToken)
    {
        if (PropertyValues.ContainsUnknown(request.Inputs))
        {
            return new ResourceState("", PinnedImageOutputs.Unknown(request.Inputs)); // preview only: up has every input
        }

        var image = await ResolveAsync(Decode(request.Inputs), services().Lookup, cancellationToken).ConfigureAwait(false);
        // A preview shows the image it would pin; when it is pinned is known only at up.
        var pinnedAt = request.Preview ? null : PinnedImageOutputs.Timestamp(time);
        return new ResourceState(image.Id ?? "", PinnedImageOutputs.State(request.Inputs, image, pinnedAt));
    }

    public async Task<ResourceState> UpdateAsync(UpdateInputs request, CancellationToken cancellationToken)
    {
        if (PropertyValues.ContainsUnknown(request.News))
        {
            return new ResourceState(request.Id, PinnedImageOutputs.Unknown(request.News));
        }

        var image = await ResolveAsync(Decode(request.News), services().Lookup, cancellationToken).ConfigureAwait(false);
        if (image.Id != request.Id)
        {
            // Diff saw the same image moments ago; the catalog changed in between. A replace needs a new plan.
            throw new ResourceFailure($"PinnedImage {NameOf(request.Urn)}: its inputs now resolve to {Label(image)}, not the pinned image {request.Id}, " +
                "so it cannot be updated in place; run `pulumi up` again to plan a replace.");
        }

        return new ResourceState(request.Id, PinnedImageOutputs.State(request.News, image, KeptPinnedAt(request.OldOutputs, request.Id)));
    }

    public async Task<ResourceState> ReadAsync(ReadInputs request, CancellationToken cancellationToken)
    {
        // The image by id, whatever its status, through the listings lookups share. A refresh knows the image's type
        // from the state and lists only that type; an import looks at both, as getImage does for an id.
        var storedType = PinnedImageOutputs.Text(request.OldOutputs, PinnedImageOutputs.Image, "type");
        var type = ImageFilterArgs.ImageTypes.Contains(storedType) ? storedType : null;
        var byId = new GetImageArgs { Id = request.Id, Filters = new() { Statuses = [ImageCriteria.AnyStatus], Type = type } };
        var criteria = byId.Filters.ToCriteria(byId.Id);
        var found = await services().QuietLookup.SearchAsync(criteria, cancellationToken).ConfigureAwait(false);
        var image = found.Search.Matches.FirstOrDefault(i => i.Id == request.Id);
        if (image is null)
        {
            return ResourceState.Gone; // refresh drops the pin from state; the next up pins afresh
        }

        // Import brings only the id: the inputs that reproduce this pin are {imageId}.
        var inputs = request.OldInputs.Properties.Count > 0
            ? request.OldInputs
            : new ObjectValue([new(PinnedImageArgs.ImageId, new StringValue(request.Id))]);
        return new ResourceState(request.Id, PinnedImageOutputs.State(inputs, image, KeptPinnedAt(request.OldOutputs, request.Id)), inputs);
    }

    public Task DeleteAsync(DeleteInputs request, CancellationToken cancellationToken) => Task.CompletedTask; // a pin owns nothing in ModelArts

    private static PinnedImageArgs Decode(ObjectValue inputs)
    {
        var (args, failures) = InputDecoder.Decode(Token, new PinnedImageArgs(), PinnedImageArgs.Inputs, inputs, UnknownInputs.Fail);
        return args ?? throw new ResourceFailure(string.Join("; ", failures.Select(f => $"{f.Item2} ({f.Item1})")));
    }

    /// <summary>getImage's resolution, its failures reported on this resource's input names.</summary>
    private static async Task<ImageDto> ResolveAsync(PinnedImageArgs args, ImageLookup lookup, CancellationToken cancellationToken)
    {
        try
        {
            return await GetImageFunction.ResolveAsync(lookup, args.Lookup, cancellationToken).ConfigureAwait(false);
        }
        catch (FunctionFailure failure)
        {
            throw new ResourceFailure($"{failure.Reason} ({PinnedImageArgs.Property(failure.Property)})");
        }
    }

    private string KeptPinnedAt(ObjectValue oldOutputs, string id) =>
        PinnedImageOutputs.Text(oldOutputs, PinnedImageArgs.ImageId) == id && PinnedImageOutputs.Text(oldOutputs, PinnedImageOutputs.PinnedAt) is { Length: > 0 } kept
            ? kept
            : PinnedImageOutputs.Timestamp(time);

    /// <summary>The resource's name, the last part of its URN (urn:pulumi:stack::project::type::name).</summary>
    private static string NameOf(string urn) => urn.LastIndexOf("::", StringComparison.Ordinal) is var i and >= 0 ? urn[(i + 2)..] : urn;

    private static string Label(ImageDto image) => ImageSelection.Label(image);

    private static string StoredLabel(ObjectValue oldOutputs, string id) =>
        $"{Or(PinnedImageOutputs.Text(oldOutputs, PinnedImageOutputs.Image, "name"))}:{Or(PinnedImageOutputs.Text(oldOutputs, PinnedImageOutputs.Image, "tag"))} ({id})";

    private static string Or(string text) => text.Length > 0 ? text : "?";
}
