namespace ModelArts.Provider.Functions.Framework;

/// <summary>
/// A typed function <c>TArgs -> TResult</c> plus the declarations that let the framework do the wire:
/// decoding (strict, every problem reported against its property), invoking, encoding.
/// </summary>
internal sealed class Function<TArgs, TResult>(
    string token,
    string description,
    TArgs defaults,
    IReadOnlyList<InputProperty<TArgs>> inputs,
    IReadOnlyList<OutputProperty<TResult>> outputs,
    Func<TArgs, CancellationToken, Task<TResult>> invoke) : IFunction
{
    public string Token => token;
    public string Description => description;

    public IReadOnlyList<SchemaProperty> InputSchema { get; } =
        inputs.Select(i => new SchemaProperty(i.Name, i.Type, i.Description, false, i.Default, false)).ToList();

    public IReadOnlyList<SchemaProperty> OutputSchema { get; } =
        outputs.Select(o => new SchemaProperty(o.Name, o.Type, o.Description, o.Required, null, false)).ToList();

    public async Task<InvokeOutcome> InvokeAsync(PropertyValue.ObjectValue args, CancellationToken cancellationToken)
    {
        var decoded = Decode(args);
        if (decoded.Failures.Count > 0)
        {
            return InvokeOutcome.Failed(decoded.Failures);
        }

        try
        {
            var result = await invoke(decoded.Args!, cancellationToken).ConfigureAwait(false);
            return InvokeOutcome.Success(Encode(result));
        }
        catch (FunctionFailure failure)
        {
            return InvokeOutcome.Failed(failure.Property, failure.Reason);
        }
    }

    /// <summary>Wire args to typed args; unknown names, wrong types and bad values all reported, not just the first.</summary>
    public (TArgs? Args, IReadOnlyList<(string, string)> Failures) Decode(PropertyValue.ObjectValue args) =>
        InputDecoder.Decode(token, defaults, inputs, args, UnknownInputs.Fail);

    public PropertyValue.ObjectValue Encode(TResult result) =>
        new(outputs.Select(o => new KeyValuePair<string, PropertyValue>(o.Name, o.Get(result))).ToList());
}
