using System.Net;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.Policy;
using ModelArts.Provider.Query;

namespace ModelArts.Provider.Functions;

/// <summary>A search with the policy applied: what programs may use, and what the policy held back.</summary>
internal sealed record PolicedSearch(ImageSearchResult Search, IReadOnlyList<ImageDto> Allowed, IReadOnlyList<PolicyBreach> Breaches);

/// <summary>
/// What both functions do first: search, apply <c>imagePolicy</c>, and in audit mode warn once per
/// violating image through the engine's log.
/// </summary>
internal sealed class ImageLookup(ImageFinder finder, PolicyEvaluator policy, IUserLog log)
{
    public PolicyEvaluator Policy => policy;

    public async Task<PolicedSearch> SearchAsync(ImageCriteria criteria, CancellationToken cancellationToken)
    {
        ImageSearchResult search;
        try
        {
            search = await finder.SearchAsync(criteria, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelArtsApiException e)
        {
            throw ToServiceFailure(e);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException e)
        {
            var input = string.Equals(e.Pattern, criteria.TagRegex?.ToString(), StringComparison.Ordinal) ? "tagRegex" : "nameRegex";
            throw new FunctionFailure(input, $"the pattern /{e.Pattern}/ took longer than {ImageFilterArgs.RegexTimeout.TotalMilliseconds} ms on one value; simplify it (avoid nested quantifiers)");
        }

        var (allowed, breaches) = policy.Partition(search.Matches);
        await log.DebugAsync(
            $"images matching {criteria.Describe()}: {search.Report.Describe()}; {search.Matches.Count} matched" +
            (breaches.Count > 0 ? $", {breaches.Select(b => b.Image).Distinct().Count()} of them break imagePolicy" : ""),
            cancellationToken).ConfigureAwait(false);
        if (policy.Policy.Mode == PolicyMode.Audit)
        {
            foreach (var group in breaches.GroupBy(b => b.Image))
            {
                await log.WarnAsync(
                    $"imagePolicy (audit): image {ImageSelection.Label(group.Key)} would be blocked: {string.Join("; ", group.Select(b => $"{b.Rule}: {b.Reason}"))}",
                    cancellationToken).ConfigureAwait(false);
            }
        }

        return new PolicedSearch(search, allowed, breaches);
    }

    /// <summary>An API failure as the layers above see it: its kind, and the API's own account of it.</summary>
    internal static ServiceFailure ToServiceFailure(ModelArtsApiException e) => new(e.StatusCode switch
    {
        HttpStatusCode.Unauthorized => ServiceFailureKind.Unauthenticated,
        HttpStatusCode.Forbidden => ServiceFailureKind.PermissionDenied,
        HttpStatusCode.TooManyRequests => ServiceFailureKind.Throttled,
        null => ServiceFailureKind.Unavailable,
        var s when (int)s >= 500 || e.IsTransient => ServiceFailureKind.Unavailable, // 5xx, or a 200 with a broken body
        _ => ServiceFailureKind.Rejected,
    }, e.Message, e);
}
