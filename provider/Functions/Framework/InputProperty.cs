using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.Provider.Functions.Framework;

/// <summary>
/// One input of a function: its wire name, schema type and documentation, and how a wire value becomes
/// part of the typed args. Binding returns a failure reason instead of throwing.
/// </summary>
internal abstract record InputProperty<TArgs>(string Name, PropertyType Type, string Description)
{
    /// <summary>Default shown in the schema; the args record carries the real default.</summary>
    public object? Default { get; init; }

    /// <summary>Applies <paramref name="value"/> to <paramref name="args"/>, or says why it cannot.</summary>
    public abstract BindResult<TArgs> Bind(TArgs args, PropertyValue value);

    /// <summary>The same input on an outer args type that holds this one.</summary>
    public InputProperty<TOuter> Lift<TOuter>(Func<TOuter, TArgs> get, Func<TOuter, TArgs, TOuter> set) => new Lifted<TOuter, TArgs>(this, get, set);

    private sealed record Lifted<TOuter, TInner>(InputProperty<TInner> Inner, Func<TOuter, TInner> Get, Func<TOuter, TInner, TOuter> Set)
        : InputProperty<TOuter>(Inner.Name, Inner.Type, Inner.Description)
    {
        public override BindResult<TOuter> Bind(TOuter args, PropertyValue value)
        {
            var inner = Inner.Bind(Get(args), value);
            return inner.Failure is { } failure ? BindResult<TOuter>.Fail(failure) : BindResult<TOuter>.Ok(Set(args, inner.Args!));
        }
    }
}

internal readonly record struct BindResult<TArgs>(TArgs? Args, string? Failure)
{
    public static BindResult<TArgs> Ok(TArgs args) => new(args, null);
    public static BindResult<TArgs> Fail(string reason) => new(default, reason);
}

/// <summary>A string input, optionally restricted to known values (matched case-insensitively, normalised) or validated.</summary>
internal sealed record StringInput<TArgs>(string Name, string Description, Func<TArgs, string, TArgs> Set)
    : InputProperty<TArgs>(Name, PropertyType.String, Description)
{
    public const int MaxLength = 4096;

    /// <summary>When set, only these values (any case) are accepted, and the canonical spelling is passed on.</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>Further check; returns a reason when the value is unusable.</summary>
    public Func<string, string?>? Validate { get; init; }

    public override BindResult<TArgs> Bind(TArgs args, PropertyValue value)
    {
        if (value is not StringValue { Value: var text })
        {
            return BindResult<TArgs>.Fail($"expected a string, got {value.Describe()}");
        }

        if (text.Length > MaxLength)
        {
            return BindResult<TArgs>.Fail($"is {text.Length} characters long; at most {MaxLength} are accepted");
        }

        if (AllowedValues is { } allowed)
        {
            var canonical = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
            if (canonical is null)
            {
                return BindResult<TArgs>.Fail($"\"{Shorten(text)}\" is not one of {string.Join(", ", allowed)}");
            }

            text = canonical;
        }

        return Validate?.Invoke(text) is { } reason ? BindResult<TArgs>.Fail(reason) : BindResult<TArgs>.Ok(Set(args, text));
    }

    internal static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}

/// <summary>A boolean input. Strings "true"/"false" are accepted too, as explicit providers JSON-encode values.</summary>
internal sealed record BoolInput<TArgs>(string Name, string Description, Func<TArgs, bool, TArgs> Set)
    : InputProperty<TArgs>(Name, PropertyType.Boolean, Description)
{
    public override BindResult<TArgs> Bind(TArgs args, PropertyValue value) => value switch
    {
        BoolValue b => BindResult<TArgs>.Ok(Set(args, b.Value)),
        StringValue { Value: var s } when bool.TryParse(s, out var parsed) => BindResult<TArgs>.Ok(Set(args, parsed)),
        _ => BindResult<TArgs>.Fail($"expected a boolean, got {value.Describe()}"),
    };
}

/// <summary>A list of strings, optionally restricted to known values (any case); duplicates are dropped.</summary>
internal sealed record StringListInput<TArgs>(string Name, string Description, Func<TArgs, IReadOnlyList<string>, TArgs> Set)
    : InputProperty<TArgs>(Name, PropertyType.StringList, Description)
{
    public const int MaxItems = 64;

    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>Values outside <see cref="AllowedValues"/> that still pass, upper-cased (the API adds new ones).</summary>
    public bool AllowUnknownValues { get; init; }

    public override BindResult<TArgs> Bind(TArgs args, PropertyValue value)
    {
        if (value is not ArrayValue { Items: var items })
        {
            return BindResult<TArgs>.Fail($"expected a list of strings, got {value.Describe()}");
        }

        if (items.Count > MaxItems)
        {
            return BindResult<TArgs>.Fail($"has {items.Count} items; at most {MaxItems} are accepted");
        }

        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] is SecretValue s ? s.Inner : items[i];
            if (item is not StringValue { Value: var text })
            {
                return BindResult<TArgs>.Fail($"item {i}: expected a string, got {item.Describe()}");
            }

            if (text.Length is 0 or > StringInput<TArgs>.MaxLength)
            {
                return BindResult<TArgs>.Fail($"item {i}: must be a non-empty string of at most {StringInput<TArgs>.MaxLength} characters");
            }

            if (AllowedValues is { } allowed)
            {
                var canonical = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
                if (canonical is null && !AllowUnknownValues)
                {
                    return BindResult<TArgs>.Fail($"item {i}: \"{StringInput<TArgs>.Shorten(text)}\" is not one of {string.Join(", ", allowed)}");
                }

                text = canonical ?? text.ToUpperInvariant();
            }

            if (!result.Contains(text, StringComparer.Ordinal))
            {
                result.Add(text);
            }
        }

        return BindResult<TArgs>.Ok(Set(args, result));
    }
}

/// <summary>A map of strings (such as a resource's <c>keepers</c>); secret values are accepted and unwrapped.</summary>
internal sealed record StringMapInput<TArgs>(string Name, string Description, Func<TArgs, IReadOnlyDictionary<string, string>, TArgs> Set)
    : InputProperty<TArgs>(Name, PropertyType.StringMap, Description)
{
    public const int MaxEntries = 64;

    public override BindResult<TArgs> Bind(TArgs args, PropertyValue value)
    {
        if (value is not ObjectValue { Properties: var entries })
        {
            return BindResult<TArgs>.Fail($"expected a map of strings, got {value.Describe()}");
        }

        if (entries.Count > MaxEntries)
        {
            return BindResult<TArgs>.Fail($"has {entries.Count} entries; at most {MaxEntries} are accepted");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, raw) in entries)
        {
            var entry = raw is SecretValue s ? s.Inner : raw;
            if (entry is not StringValue { Value: var text })
            {
                return BindResult<TArgs>.Fail($"entry \"{StringInput<TArgs>.Shorten(key)}\": expected a string, got {entry.Describe()}");
            }

            if (text.Length > StringInput<TArgs>.MaxLength)
            {
                return BindResult<TArgs>.Fail($"entry \"{StringInput<TArgs>.Shorten(key)}\": is {text.Length} characters long; at most {StringInput<TArgs>.MaxLength} are accepted");
            }

            result[key] = text;
        }

        return BindResult<TArgs>.Ok(Set(args, result));
    }
}
