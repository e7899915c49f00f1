using System.Collections.Concurrent;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Protocol.Rpc;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// Identical invokes within one configuration get one answer: the first computes it, concurrent and later
/// ones share it (a preview often repeats the same lookup). Answers are deterministic for a configuration,
/// since listings are kept for its life; an invoke that throws (API failure, cancellation) is not kept.
/// Kept answers are results, not bytes (<see cref="InvokeAnswer"/>), bounded by their <see cref="InvokeAnswer.Weight"/>,
/// least recently used out first: an evicted answer is recomputed from the kept listing, without API traffic, so
/// the bound costs CPU, never requests.
/// </summary>
internal sealed class InvokeCache(long budget = InvokeCache.DefaultBudget)
{
    /// <summary>
    /// Weight kept at most: a dozen answers of 10,000 images (~2 MB of references), or up to ~12,000 getImage
    /// answers (~1 KB each, ~12 MB, far more than a program makes).
    /// </summary>
    public const long DefaultBudget = 250_000;

    private readonly ConcurrentDictionary<string, Lazy<Task<InvokeAnswer>>> _answers = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, long Weight)> _recency = new(); // most recently used first; completed answers only
    private readonly Dictionary<string, LinkedListNode<(string Key, long Weight)>> _nodes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _kept;

    /// <summary>The weight of the answers kept now.</summary>
    public long Kept { get { lock (_gate) { return _kept; } } }

    /// <summary>
    /// Token plus the arguments as canonical JSON (keys are already sorted when decoded). Null, meaning "do
    /// not cache", when an argument is unknown or a special object: JSON would write those as null and
    /// confuse them with an input explicitly left unset.
    /// </summary>
    public static string? Key(string token, PropertyValue.ObjectValue args) =>
        HasOpaqueValue(args) ? null : token + "\n" + PropertyJson.Write(args);

    private static bool HasOpaqueValue(PropertyValue value) => value switch
    {
        PropertyValue.UnknownValue or PropertyValue.SpecialValue => true,
        PropertyValue.SecretValue s => HasOpaqueValue(s.Inner),
        PropertyValue.ArrayValue a => a.Items.Any(HasOpaqueValue),
        PropertyValue.ObjectValue o => o.Properties.Any(p => HasOpaqueValue(p.Value)),
        PropertyValue.NumberValue n => !double.IsFinite(n.Value),
        _ => false,
    };

    public async Task<InvokeAnswer> GetOrAddAsync(string? key, Func<Task<InvokeAnswer>> compute, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return await compute().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var answer = _answers.GetOrAdd(key, _ => new Lazy<Task<InvokeAnswer>>(() => ComputeAndKeepAsync(key, compute)));
        Touch(key);
        return await answer.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<InvokeAnswer> ComputeAndKeepAsync(string key, Func<Task<InvokeAnswer>> compute)
    {
        InvokeAnswer answer;
        try
        {
            answer = await compute().ConfigureAwait(false);
        }
        catch
        {
            _answers.TryRemove(key, out _);
            throw;
        }

        Keep(key, answer.Weight);
        return answer;
    }

    private void Touch(string key)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
            }
        }
    }

    /// <summary>Accounts a completed answer and evicts the least recently used until the budget holds (possibly this one).</summary>
    private void Keep(string key, long weight)
    {
        lock (_gate)
        {
            _nodes[key] = _recency.AddFirst((key, weight));
            _kept += weight;
            while (_kept > budget && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _nodes.Remove(oldest.Value.Key);
                _kept -= oldest.Value.Weight;
                _answers.TryRemove(oldest.Value.Key, out _);
            }
        }
    }
}
