namespace ModelArts.Provider.Functions.Framework;

/// <summary>What an invoke produced: a result object, or failures naming properties.</summary>
internal sealed record InvokeOutcome(PropertyValue.ObjectValue? Result, IReadOnlyList<(string Property, string Reason)> Failures)
{
    public static InvokeOutcome Success(PropertyValue.ObjectValue result) => new(result, []);
    public static InvokeOutcome Failed(IReadOnlyList<(string, string)> failures) => new(null, failures);
    public static InvokeOutcome Failed(string property, string reason) => new(null, [(property, reason)]);
}
