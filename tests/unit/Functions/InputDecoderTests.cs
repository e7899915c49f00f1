using ModelArts.Provider.Functions.Framework;
using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.UnitTests.Functions;

/// <summary>The shared decoder's treatment of unknowns, the keepers-style string map, and value sameness for diffs.</summary>
public sealed class InputDecoderTests
{
    private sealed record Args(string? Name = null, IReadOnlyDictionary<string, string>? Map = null);

    private static readonly IReadOnlyList<InputProperty<Args>> Inputs =
    [
        new StringInput<Args>("name", "a name", (a, v) => a with { Name = v }),
        new StringMapInput<Args>("map", "a map", (a, v) => a with { Map = v }),
    ];

    private static ObjectValue Obj(params (string, PropertyValue)[] pairs) => new(pairs.Select(p => new KeyValuePair<string, PropertyValue>(p.Item1, p.Item2)).ToList());

    [Fact]
    public void UnknownInsideAList_FailsForInvokes_IsSkippedForResourceChecks()
    {
        var args = Obj(("name", new ArrayValue([UnknownValue.Instance])));

        var (_, invokeFailures) = InputDecoder.Decode("t", new Args(), Inputs, args, UnknownInputs.Fail);
        var (skipped, checkFailures) = InputDecoder.Decode("t", new Args(), Inputs, args, UnknownInputs.Skip);

        Assert.Contains("not known yet", Assert.Single(invokeFailures).Item2);
        Assert.Empty(checkFailures);
        Assert.Null(skipped!.Name);
    }

    [Fact]
    public void StringMap_TakesSecretValues_RefusesNonStrings_NamingTheEntry()
    {
        var (args, _) = InputDecoder.Decode("t", new Args(), Inputs, Obj(("map", Obj(("a", new StringValue("1")), ("b", new SecretValue(new StringValue("2")))))), UnknownInputs.Fail);
        var (_, failures) = InputDecoder.Decode("t", new Args(), Inputs, Obj(("map", Obj(("n", new BoolValue(true))))), UnknownInputs.Fail);
        var (_, notAMap) = InputDecoder.Decode("t", new Args(), Inputs, Obj(("map", new StringValue("x"))), UnknownInputs.Fail);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, args!.Map);
        Assert.Equal(("map", "entry \"n\": expected a string, got a boolean"), Assert.Single(failures));
        Assert.Equal("expected a map of strings, got a string", Assert.Single(notAMap).Item2);
    }

    [Fact]
    public void SameKnownValue_IgnoresSecretnessAndNull_ComparesListsByContent_NeverEqualWhenUnknown()
    {
        Assert.True(PropertyValues.SameKnownValue(new ArrayValue([new StringValue("a")]), new ArrayValue([new SecretValue(new StringValue("a"))])));
        Assert.True(PropertyValues.SameKnownValue(NullValue.Instance, null));
        Assert.False(PropertyValues.SameKnownValue(new ArrayValue([new StringValue("a")]), new ArrayValue([new StringValue("b")])));
        Assert.False(PropertyValues.SameKnownValue(UnknownValue.Instance, UnknownValue.Instance));
    }
}
