using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using ModelArts.Provider.Functions.GetImage;
using ModelArts.Provider.Functions.GetImages;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.Protocol;
using ModelArts.UnitTests.ModelArtsApi;

namespace ModelArts.UnitTests.Properties;

/// <summary>Random and mutated inputs never escape as unhandled exceptions; the hand-written encoder matches Google.Protobuf.</summary>
public sealed class PropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void StructWriter_MatchesGoogleProtobufByteForByte() =>
        Check.One(Runs, Prop.ForAll(Generators.PlainObject(3).ToArbitrary(), o =>
            StructWriter.ToBytes(o).AsSpan().SequenceEqual(ValueConverter.ToStruct(o).ToByteArray())));

    [Fact]
    public void Decoding_AnyArguments_GivesArgsOrFailures_NeverThrows()
    {
        var getImages = GetImagesFunction.Create(() => throw new InvalidOperationException());
        var getImage = GetImageFunction.Create(() => throw new InvalidOperationException());
        Check.One(Runs, Prop.ForAll(Generators.Object(3).ToArbitrary(), args =>
        {
            var (a, failures) = getImages.Decode(args);
            var (b, failures2) = getImage.Decode(args);
            return (a is not null) != (failures.Count > 0) && (b is not null) != (failures2.Count > 0)
                && failures.All(f => f.Item1.Length > 0 || args.Properties.Any(p => p.Key == ""));
        }));
    }

    [Fact]
    public void WireValues_RoundTripThroughProtobuf_NeverThrow() =>
        Check.One(Runs, Prop.ForAll(Generators.Object(3).ToArbitrary(), o =>
        {
            var back = ValueConverter.ToObject(Google.Protobuf.WellKnownTypes.Struct.Parser.ParseFrom(ValueConverter.ToStruct(o).ToByteArray()));
            return back.Properties.Count == o.Properties.Count;
        }));

    private static readonly string ValidPage =
        "{\"current\":0,\"pages\":1,\"size\":200,\"total\":2,\"data\":[" +
        "{\"id\":\"a\",\"name\":\"pytorch\",\"tag\":\"1\",\"arch\":\"x86_64\",\"create_at\":1700000000000,\"size\":12,\"dev_services\":[\"NOTEBOOK\"],\"resource_categories\":[\"GPU\"],\"status\":\"ACTIVE\"}," +
        "{\"id\":\"b\",\"name\":\"tf\",\"create_at\":\"1700000000001\",\"extra\":{\"nested\":[1,2]}}]}";

    /// <summary>Every listing ends in images or a ModelArtsApiException, whatever the 200 body is.</summary>
    private static bool ListingIsHandled(string body)
    {
        var api = new ScriptedApi(0) { Script = (_, _) => ScriptedApi.Json(HttpStatusCode.OK, body) };
        using var client = ClientFactory.Create(api, maxRetries: 0);
        try
        {
            client.ListImagesAsync(new ImageListQuery(), CancellationToken.None).GetAwaiter().GetResult();
            return true;
        }
        catch (ModelArtsApiException)
        {
            return true;
        }
    }

    [Fact]
    public void ApiJson_RandomBodies_ParseOrFailCleanly() =>
        Check.One(Runs, Prop.ForAll(ArbMap.Default.ArbFor<string>(), s => ListingIsHandled(s ?? "")));

    [Fact]
    public void ApiJson_MutatedValidPage_ParsesOrFailsCleanly()
    {
        var mutations = Gen.Zip(Gen.Zip(Gen.Choose(0, ValidPage.Length - 1), Gen.Choose(0, 3)), Gen.Elements('"', '{', '}', '[', ']', ',', ':', '9', 'x', '\\', '\u00e9'));
        Check.One(Runs, Prop.ForAll(mutations.ToArbitrary(), m =>
        {
            var ((at, kind), c) = m;
            var body = kind switch
            {
                0 => ValidPage[..at],                                   // truncated
                1 => ValidPage.Remove(at, 1),                           // a character lost
                2 => ValidPage.Insert(at, c.ToString()),                // a character added
                _ => ValidPage[..at] + c + ValidPage[(at + 1)..],       // a character replaced
            };
            return ListingIsHandled(body);
        }));
    }

    [Fact]
    public void ErrorBodies_AnyText_ParseWithoutThrowing() =>
        Check.One(Runs, Prop.ForAll(ArbMap.Default.ArbFor<string>(), s =>
            ApiErrorParser.Parse(HttpStatusCode.BadGateway, s, null).Message.Contains("HTTP 502")));

    [Fact]
    public void StructWriter_RealResult_MatchesGoogleProtobuf()
    {
        var images = Enumerable.Range(0, 50).Select(i => Query.Images.Make($"id{i}", $"name{i}", 1000 + i, tag: i % 3 == 0 ? null : "t")).ToList();
        var encoded = GetImagesFunction.Create(() => throw new InvalidOperationException()).Encode(new GetImagesResult(images, []));

        Assert.Equal(ValueConverter.ToStruct(encoded).ToByteArray(), StructWriter.ToBytes(encoded));
    }
}
