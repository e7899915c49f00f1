using ModelArts.Provider.Functions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Functions.GetImage;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.Policy;
using ModelArts.Provider.Query;
using ModelArts.Provider.Resources.Framework;
using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.Provider.Resources.PinnedImage;

internal sealed partial class PinnedImageResource
{
    /// <summary>
    /// Unchanged inputs: no change, whatever was published since; the pin is re-checked against the policy and
    /// the answer its inputs give now (one warning per pin). Changed inputs: re-resolve; the same image is an
    /// update, another a replace. Inputs not known yet (preview) may give another image: a replace.
    /// </summary>
    public async Task<DiffResult> DiffAsync(DiffInputs request, CancellationToken cancellationToken)
    {
        // Defaults on both sides: an imported pin's inputs ({imageId}, from Read) equal the checked program inputs.
        var changes = Changes(WithDefaults(OldInputs(request)), WithDefaults(request.News));
        if (changes.Count == 0)
        {
            await RecheckAsync(request, cancellationToken).ConfigureAwait(false);
            return DiffResult.None;
        }

        if (PropertyValues.ContainsUnknown(request.News))
        {
            return new DiffResult(changes.Select(c => c with { Replaces = true }).ToList());
        }

        var image = await ResolveAsync(Decode(request.News), services().Lookup, cancellationToken).ConfigureAwait(false);
        var replaces = image.Id != request.Id;
        return new DiffResult(changes.Select(c => c with { Replaces = replaces }).ToList());
    }

    /// <summary>
    /// The inputs of the last deployment. The engine sends them (old_inputs); an engine that does not is left with
    /// the state, whose input copies are the inputs apart from the computed outputs.
    /// </summary>
    private static ObjectValue OldInputs(DiffInputs request)
    {
        if (request.OldInputs.Properties.Count > 0)
        {
            return request.OldInputs;
        }

        var inputNames = PinnedImageArgs.Inputs.Select(i => i.Name).Where(n => n != PinnedImageArgs.ImageId || request.News.Properties.Any(p => p.Key == n));
        return new ObjectValue(request.OldOutputs.Properties.Where(p => inputNames.Contains(p.Key)).ToList());
    }

    private static List<PropertyChange> Changes(ObjectValue olds, ObjectValue news)
    {
        PropertyValue? Get(ObjectValue o, string key) => o.Properties.FirstOrDefault(p => p.Key == key).Value is { } v and not NullValue ? v : null;

        var changes = new List<PropertyChange>();
        foreach (var name in olds.Properties.Select(p => p.Key).Union(news.Properties.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            var (old, now) = (Get(olds, name), Get(news, name));
            if (!PropertyValues.SameKnownValue(old, now))
            {
                var kind = old is null ? PropertyChangeKind.Add : now is null ? PropertyChangeKind.Delete : PropertyChangeKind.Update;
                changes.Add(new PropertyChange(name, kind, false));
            }
        }

        return changes;
    }

    /// <summary>
    /// Judges the pin as the API lists it now and asks what its inputs would resolve to now, both from the
    /// listings this run's lookups share (no request of its own once they are kept).
    /// </summary>
    private async Task RecheckAsync(DiffInputs request, CancellationToken cancellationToken)
    {
        var pins = services();
        var (args, failures) = InputDecoder.Decode(Token, new PinnedImageArgs(), PinnedImageArgs.Inputs, request.News, UnknownInputs.Fail);
        if (args is null || failures.Count > 0)
        {
            return; // unchanged inputs that no longer decode were checked by Check, which reported them
        }

        var criteria = args.Lookup.Filters.ToCriteria(args.Lookup.Id);
        IReadOnlyList<ImageDto>[] listings;
        try
        {
            listings = await Task.WhenAll(ImageFinder.ServerQueries(criteria).Select(q => pins.Catalog.ListAsync(q, cancellationToken))).ConfigureAwait(false);
        }
        catch (ModelArtsApiException e)
        {
            throw ImageLookup.ToServiceFailure(e);
        }

        var pinned = listings.SelectMany(l => l).FirstOrDefault(i => i.Id == request.Id);
        var name = NameOf(request.Urn);
        if (pinned is null)
        {
            await pins.Log.DebugAsync($"PinnedImage {name}: the pinned image {request.Id} is no longer listed for its inputs; `pulumi refresh` drops a pin whose image is gone", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await JudgeAsync(request.Urn, name, pinned, pins, cancellationToken).ConfigureAwait(false);
        }

        ImageDto? now = null;
        try
        {
            now = await GetImageFunction.ResolveAsync(pins.QuietLookup, args.Lookup, cancellationToken).ConfigureAwait(false);
        }
        catch (FunctionFailure failure)
        {
            await pins.Log.DebugAsync($"PinnedImage {name}: its inputs resolve to no single image now ({failure.Reason}); the pin stays", cancellationToken).ConfigureAwait(false);
        }

        if (now is not null && now.Id != request.Id && pins.FirstTime(request.Urn, "newer"))
        {
            var pinnedLabel = pinned is null ? StoredLabel(request.OldOutputs, request.Id) : Label(pinned);
            var newer = pinned is not null && (now.CreateAt ?? 0) > (pinned.CreateAt ?? 0) ? "a newer image" : "another image";
            await pins.Log.WarnAboutAsync(request.Urn,
                $"PinnedImage {name} keeps {pinnedLabel}; its inputs now resolve to {newer}, {Label(now)}. " +
                "A pin never moves by itself: change its `keepers` (or its filters) to move to it.", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The pinned image against imagePolicy: enforce fails the Diff naming each rule; audit warns once.</summary>
    private static async Task JudgeAsync(string urn, string name, ImageDto pinned, PinnedImageServices pins, CancellationToken cancellationToken)
    {
        var breaches = pins.Policy.Check(pinned);
        if (breaches.Count == 0)
        {
            return;
        }

        var rules = string.Join("; ", breaches.Select(b => $"{b.Rule} ({b.Reason})"));
        if (pins.Policy.Policy.Mode == PolicyMode.Enforce)
        {
            throw new ResourceFailure($"PinnedImage {name}: the pinned image {Label(pinned)} is now blocked by the provider's imagePolicy. Rules broken: {rules}. " +
                "Move the pin to an allowed image (change its filters or `keepers`) or ask the platform team to extend modelarts:imagePolicy.");
        }

        if (pins.FirstTime(urn, "policy"))
        {
            await pins.Log.WarnAboutAsync(urn, $"imagePolicy (audit): PinnedImage {name} keeps {Label(pinned)}, which would be blocked: {rules}", cancellationToken).ConfigureAwait(false);
        }
    }
}
