using Google.Protobuf.WellKnownTypes;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Protocol;

namespace ModelArts.UnitTests.Protocol;

public sealed class ValueConverterTests
{
    [Fact]
    public void UnknownSentinel_BecomesUnknown() =>
        Assert.IsType<PropertyValue.UnknownValue>(ValueConverter.FromValue(Value.ForString("04da6b54-80e4-46f7-96ec-b56ff0331ba9")));

    [Fact]
    public void Unknown_GoesOutAsTheSentinel_ForResourceOutputsInPreview() =>
        Assert.Equal(Value.ForString(ValueConverter.UnknownSentinel), ValueConverter.ToValue(PropertyValue.UnknownValue.Instance));

    [Fact]
    public void SecretObject_BecomesSecret_AndRoundTrips()
    {
        var secret = Value.ForStruct(new Struct
        {
            Fields = { ["4dabf18193072939515e22adb298388d"] = Value.ForString("1b47061264138c4ac30d75fd1eb44270"), ["value"] = Value.ForString("s3cr3t") },
        });

        var decoded = Assert.IsType<PropertyValue.SecretValue>(ValueConverter.FromValue(secret));

        Assert.Equal(new PropertyValue.StringValue("s3cr3t"), decoded.Inner);
        Assert.Equal(secret, ValueConverter.ToValue(decoded));
    }

    [Fact]
    public void ResourceReference_BecomesSpecial() =>
        Assert.Equal("5cf8f73096256a8f31e491e813e4eb8e", Assert.IsType<PropertyValue.SpecialValue>(ValueConverter.FromValue(Value.ForStruct(new Struct
        {
            Fields = { ["4dabf18193072939515e22adb298388d"] = Value.ForString("5cf8f73096256a8f31e491e813e4eb8e"), ["urn"] = Value.ForString("u") },
        }))).Signature);

    [Fact]
    public void Objects_HaveSortedKeys_AndRoundTrip()
    {
        var s = new Struct { Fields = { ["b"] = Value.ForNumber(1), ["a"] = Value.ForList(Value.ForBool(true), Value.ForNull()) } };

        var decoded = ValueConverter.ToObject(s);

        Assert.Equal(["a", "b"], decoded.Properties.Select(p => p.Key));
        Assert.Equal(s, ValueConverter.ToStruct(decoded));
    }

    [Fact]
    public void DeepNesting_DoesNotThrow()
    {
        var v = Value.ForString("leaf");
        for (var i = 0; i < 90; i++) v = Value.ForList(v);

        Assert.IsType<PropertyValue.ArrayValue>(ValueConverter.FromValue(v));
    }

    private static Struct Signed(string signature, params (string Key, Value Value)[] fields)
    {
        var s = new Struct { Fields = { ["4dabf18193072939515e22adb298388d"] = Value.ForString(signature) } };
        foreach (var (key, value) in fields) s.Fields[key] = value;
        return s;
    }

    [Fact]
    public void TopLevelSecretOverAnObject_DoesNotThrow_AndKeepsEachPropertySecret()
    {
        var args = Signed("1b47061264138c4ac30d75fd1eb44270", ("value", Value.ForStruct(new Struct { Fields = { ["name"] = Value.ForString("pytorch") } })));

        var decoded = ValueConverter.ToObject(args);

        var name = Assert.Single(decoded.Properties);
        Assert.Equal("name", name.Key);
        Assert.Equal(new PropertyValue.StringValue("pytorch"), Assert.IsType<PropertyValue.SecretValue>(name.Value).Inner);
    }

    [Theory]
    [InlineData("1b47061264138c4ac30d75fd1eb44270")] // a secret over a scalar
    [InlineData("5cf8f73096256a8f31e491e813e4eb8e")] // a resource reference
    [InlineData("not-a-signature")]
    public void TopLevelSignatureStructThatIsNoObject_ReadsAsEmpty_WithoutThrowing(string signature) =>
        Assert.Empty(ValueConverter.ToObject(Signed(signature, ("value", Value.ForString("x")))).Properties);

    [Fact]
    public void MissingStruct_IsEmptyObject() => Assert.Empty(ValueConverter.ToObject(null).Properties);
}
