using ModelArts.Provider.Common;

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
    public (TArgs? Args, IReadOnlyList<(string, string)> Failures) Decode(PropertyValue.ObjectValue args)
    {
        var failures = new List<(string, string)>();
        var current = defaults;
        var names = inputs.Select(i => i.Name).ToList();
        foreach (var (name, raw) in args.Properties)
        {
            var input = inputs.FirstOrDefault(i => i.Name == name);
            if (input is null)
            {
                failures.Add((name, $"{token} has no input \"{StringInput<TArgs>.Shorten(name)}\"{Suggestions.DidYouMean(name, names)} Inputs: {string.Join(", ", names)}."));
                continue;
            }

            var value = raw is PropertyValue.SecretValue secret ? secret.Inner : raw;
            switch (value)
            {
                case PropertyValue.NullValue:
                    continue; // an input explicitly left unset
                case PropertyValue.UnknownValue:
                    failures.Add((name, "is not known yet (it depends on a resource that has not been created); image lookups need known inputs"));
                    continue;
            }

            var bound = input.Bind(current, value);
            if (bound.Failure is { } reason)
            {
                failures.Add((name, reason));
            }
            else
            {
                current = bound.Args!;
            }
        }

        return failures.Count > 0 ? (default, failures) : (current, failures);
    }

    public PropertyValue.ObjectValue Encode(TResult result) =>
        new(outputs.Select(o => new KeyValuePair<string, PropertyValue>(o.Name, o.Get(result))).ToList());
}
