using System.Collections.Concurrent;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Protocol.Rpc;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// Identical invokes within one configuration get one answer: the first computes it, concurrent and later
/// ones share it (a preview often repeats the same lookup). Answers are deterministic for a configuration,
/// since listings are kept for its life; an invoke that throws (API failure, cancellation) is not kept.
/// Kept answers are bounded by their encoded size, least recently used out first: an evicted answer is
/// recomputed from the kept listing, without API traffic, so the bound costs CPU, never requests.
/// </summary>
internal sealed class InvokeCache(long budgetBytes = InvokeCache.DefaultBudgetBytes)
{
    /// <summary>Encoded bytes of answers kept at most: one answer listing 10,000 images (6.5 MB), or thousands of small ones.</summary>
    public const long DefaultBudgetBytes = 8L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Lazy<Task<InvokeResponse>>> _answers = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, long Bytes)> _recency = new(); // most recently used first; completed answers only
    private readonly Dictionary<string, LinkedListNode<(string Key, long Bytes)>> _nodes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _keptBytes;

    /// <summary>Encoded bytes of the answers kept now.</summary>
    public long KeptBytes { get { lock (_gate) { return _keptBytes; } } }

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

    public async Task<InvokeResponse> GetOrAddAsync(string? key, Func<Task<InvokeResponse>> compute, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return await compute().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var answer = _answers.GetOrAdd(key, _ => new Lazy<Task<InvokeResponse>>(() => ComputeAndKeepAsync(key, compute)));
        Touch(key);
        return await answer.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<InvokeResponse> ComputeAndKeepAsync(string key, Func<Task<InvokeResponse>> compute)
    {
        InvokeResponse response;
        try
        {
            response = await compute().ConfigureAwait(false);
        }
        catch
        {
            _answers.TryRemove(key, out _);
            throw;
        }

        Keep(key, response.CalculateSize());
        return response;
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
    private void Keep(string key, long bytes)
    {
        lock (_gate)
        {
            _nodes[key] = _recency.AddFirst((key, bytes));
            _keptBytes += bytes;
            while (_keptBytes > budgetBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _nodes.Remove(oldest.Value.Key);
                _keptBytes -= oldest.Value.Bytes;
                _answers.TryRemove(oldest.Value.Key, out _);
            }
        }
    }
}
