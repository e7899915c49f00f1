using ModelArts.Provider.Common;

namespace ModelArts.Provider.Functions.Framework;

/// <summary>What decoding does with an input that is not known yet (computed during preview).</summary>
internal enum UnknownInputs
{
    /// <summary>A failure on the input: a lookup cannot run on a value it does not have.</summary>
    Fail,

    /// <summary>Left out of the typed args: the caller (a resource's Check or preview) deals with it later.</summary>
    Skip,
}

/// <summary>
/// Wire args to typed args against declared inputs: unknown names, wrong types and bad values are all reported
/// against their property, not just the first. Shared by functions (invokes) and resources (Check).
/// </summary>
internal static class InputDecoder
{
    public static (TArgs? Args, IReadOnlyList<(string, string)> Failures) Decode<TArgs>(
        string token, TArgs defaults, IReadOnlyList<InputProperty<TArgs>> inputs, PropertyValue.ObjectValue args, UnknownInputs unknowns)
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
            if (value is PropertyValue.NullValue)
            {
                continue; // an input explicitly left unset
            }

            if (PropertyValues.ContainsUnknown(value))
            {
                if (unknowns == UnknownInputs.Fail)
                {
                    failures.Add((name, "is not known yet (it depends on a resource that has not been created); image lookups need known inputs"));
                }

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
}
