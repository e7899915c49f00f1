using System.Collections.Concurrent;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Protocol.Rpc;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// Identical invokes within one configuration get one answer: the first computes it, concurrent and later
/// ones share it (a preview often repeats the same lookup). Answers are deterministic for a configuration,
/// since listings are kept for its life; an invoke that throws (API failure, cancellation) is not kept.
/// </summary>
internal sealed class InvokeCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<InvokeResponse>>> _answers = new(StringComparer.Ordinal);

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

        var answer = _answers.GetOrAdd(key, _ => new Lazy<Task<InvokeResponse>>(() => ComputeAndForgetFailureAsync(key, compute)));
        return await answer.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<InvokeResponse> ComputeAndForgetFailureAsync(string key, Func<Task<InvokeResponse>> compute)
    {
        try
        {
            return await compute().ConfigureAwait(false);
        }
        catch
        {
            _answers.TryRemove(key, out _);
            throw;
        }
    }
}
