using Microsoft.Extensions.Time.Testing;
using Moq;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.Policy;
using ModelArts.Provider.Query;
using ModelArts.Provider.Resources.Framework;
using ModelArts.Provider.Resources.PinnedImage;
using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.UnitTests.Resources;

/// <summary>
/// PinnedImage's lifecycle on property values, against a scripted image source that counts listings. Each
/// "run" (a preview or up) is a fresh set of services, as each provider configuration is.
/// </summary>
public sealed class PinnedImageResourceTests
{
    private const string Urn = "urn:pulumi:dev::proj::modelarts:index:PinnedImage::notebook";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly Mock<IUserLog> _log = new();
    private readonly List<ImageDto> _catalog = [Image("old", createAt: 1000), Image("other", name: "tensorflow", createAt: 500)];
    private int _listings;
    private PinnedImageServices _services;

    public PinnedImageResourceTests() => _services = NewRun();

    private PinnedImageServices NewRun(ImagePolicy? policy = null)
    {
        var source = new Mock<IImageSource>();
        source.Setup(s => s.ListImagesAsync(It.IsAny<ImageListQuery>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => { Interlocked.Increment(ref _listings); return _catalog.ToList(); });
        var catalog = new ImageCatalog(source.Object);
        var lookup = new ImageLookup(new ImageFinder(catalog), new PolicyEvaluator(policy ?? ImagePolicy.None, _time), _log.Object);
        return _services = new PinnedImageServices(catalog, lookup, _log.Object);
    }

    private PinnedImageResource Resource => new(() => _services, _time);

    private static ImageDto Image(string id, string name = "pytorch", long createAt = 1000, string ns = "atelier") =>
        Query.Images.Make(id, name, createAt, tag: "t-" + id) with { Namespace = ns, Type = "BUILD_IN" };

    private static ObjectValue Obj(params (string, PropertyValue)[] pairs) => new(pairs.Select(p => new KeyValuePair<string, PropertyValue>(p.Item1, p.Item2)).ToList());

    private static PropertyValue Get(ObjectValue o, string key) => o.Properties.Single(p => p.Key == key).Value;

    private static readonly ObjectValue Newest = Obj(("name", new StringValue("pytorch")), ("mostRecent", new BoolValue(true)));

    private static ObjectValue With(ObjectValue inputs, string key, PropertyValue value) =>
        new([.. inputs.Properties.Where(p => p.Key != key), new(key, value)]);

    private async Task<(ResourceState State, ObjectValue Inputs)> PinAsync(ObjectValue news)
    {
        var checkedInputs = (await Resource.CheckAsync(new CheckInputs(Urn, ObjectValue.Empty, news), CancellationToken.None)).Inputs;
        return (await Resource.CreateAsync(new CreateInputs(Urn, checkedInputs, Preview: false), CancellationToken.None), checkedInputs);
    }

    private Task<DiffResult> DiffAsync(ResourceState state, ObjectValue oldInputs, ObjectValue news) =>
        Resource.DiffAsync(new DiffInputs(Urn, state.Id, state.Outputs, oldInputs, news), CancellationToken.None);

    [Fact]
    public async Task Check_BadInputs_EachAFailureOnItsProperty_AndTheRestPass()
    {
        var news = Obj(("nmae", new StringValue("x")), ("arch", new StringValue("x86")), ("nameRegex", new StringValue("(")),
            ("keepers", Obj(("build", new NumberValue(7)))), ("name", new StringValue("pytorch")));

        var result = await Resource.CheckAsync(new CheckInputs(Urn, ObjectValue.Empty, news), CancellationToken.None);

        Assert.Equal(["nmae", "arch", "nameRegex", "keepers"], result.Failures.Select(f => f.Property));
        Assert.Contains("did you mean \"name\"", result.Failures[0].Reason);
        Assert.Contains("expected a string, got a number", result.Failures[3].Reason);
    }

    [Fact]
    public async Task Check_UnknownInputs_AreNoFailure_AndMostRecentDefaultsToFalse()
    {
        var result = await Resource.CheckAsync(new CheckInputs(Urn, ObjectValue.Empty, Obj(("name", UnknownValue.Instance))), CancellationToken.None);

        Assert.Empty(result.Failures);
        Assert.Equal(UnknownValue.Instance, Get(result.Inputs, "name"));
        Assert.Equal(new BoolValue(false), Get(result.Inputs, "mostRecent"));
    }

    [Fact]
    public async Task Create_PinsWhatGetImageWouldPick_IdIsTheImageId_PinnedAtIsRfc3339Utc()
    {
        _catalog.Add(Image("newest", createAt: 2000));

        var (state, _) = await PinAsync(Newest);

        Assert.Equal("newest", state.Id);
        Assert.Equal(new StringValue("newest"), Get(state.Outputs, "imageId"));
        Assert.Equal(new StringValue("swr/pytorch:t-newest"), Get(state.Outputs, "swrPath"));
        Assert.Equal(new StringValue("2026-12-03T08:00:00Z"), Get(state.Outputs, "pinnedAt"));
        Assert.Equal(new StringValue("newest"), Get((ObjectValue)Get(state.Outputs, "image"), "id"));
    }

    [Fact]
    public async Task Create_Preview_ShowsTheImage_PinnedAtUnknown_UnknownInputsGiveUnknownOutputs()
    {
        var preview = await Resource.CreateAsync(new CreateInputs(Urn, Newest, Preview: true), CancellationToken.None);
        var computed = await Resource.CreateAsync(new CreateInputs(Urn, Obj(("name", UnknownValue.Instance)), Preview: true), CancellationToken.None);

        Assert.Equal("old", preview.Id);
        Assert.Equal(UnknownValue.Instance, Get(preview.Outputs, "pinnedAt"));
        foreach (var output in new[] { "imageId", "swrPath", "image", "pinnedAt" })
        {
            Assert.Equal(UnknownValue.Instance, Get(computed.Outputs, output));
        }
    }

    [Fact]
    public async Task Create_FailsAsGetImageDoes_OnTheResourcesInputNames()
    {
        _catalog.Add(Image("second", createAt: 2000));

        var ambiguous = await Assert.ThrowsAsync<ResourceFailure>(() => Resource.CreateAsync(new CreateInputs(Urn, Obj(("name", new StringValue("pytorch"))), false), CancellationToken.None));
        var missing = await Assert.ThrowsAsync<ResourceFailure>(() => Resource.CreateAsync(new CreateInputs(Urn, Obj(("imageId", new StringValue("nope"))), false), CancellationToken.None));

        Assert.Matches(@"^3 images match .*\(mostRecent\)$", ambiguous.Message); // the scripted source ignores server-side filters
        Assert.EndsWith("(imageId)", missing.Message);
    }

    [Fact]
    public async Task Create_OnlyPolicyBlockedMatches_FailsOnImagePolicy_NamingTheRule()
    {
        NewRun(new ImagePolicy { AllowedNamespaces = ["team-vision"] });

        var blocked = await Assert.ThrowsAsync<ResourceFailure>(() => Resource.CreateAsync(new CreateInputs(Urn, Newest, false), CancellationToken.None));

        Assert.Contains("Rules broken: allowedNamespaces", blocked.Message);
        Assert.EndsWith("(imagePolicy)", blocked.Message);
    }

    [Fact]
    public async Task Diff_SameInputs_NewerImagePublished_NoChange_WarnsOncePerPinNamingBoth()
    {
        var (state, inputs) = await PinAsync(Newest);
        _catalog.Add(Image("fresh", createAt: 5000));
        NewRun();

        var first = await DiffAsync(state, inputs, inputs);
        var again = await DiffAsync(state, inputs, inputs);

        Assert.Empty(first.Changes);
        Assert.Empty(again.Changes);
        _log.Verify(l => l.WarnAboutAsync(Urn, It.Is<string>(m => m.Contains("pytorch:t-old (old)") && m.Contains("a newer image, pytorch:t-fresh (fresh)") && m.Contains("keepers")),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Diff_ChangedKeepers_AnotherImageIsAReplace_SameImageAnUpdate()
    {
        var (state, inputs) = await PinAsync(With(Newest, "keepers", Obj(("v", new StringValue("1")))));
        var moved = With(inputs, "keepers", Obj(("v", new StringValue("2"))));

        var same = await DiffAsync(state, inputs, moved);
        _catalog.Add(Image("fresh", createAt: 5000));
        NewRun();
        var other = await DiffAsync(state, inputs, moved);

        Assert.Equal(new PropertyChange("keepers", PropertyChangeKind.Update, false), Assert.Single(same.Changes));
        Assert.Equal(["keepers"], other.Replaces);
    }

    [Fact]
    public async Task Diff_ChangedFilterThatMatchesNothing_FailsAsGetImageWould_NamingTheInput()
    {
        var (state, inputs) = await PinAsync(Newest);

        var failure = await Assert.ThrowsAsync<ResourceFailure>(() => DiffAsync(state, inputs, With(inputs, "tagRegex", new StringValue("^nothing$"))));

        Assert.StartsWith("no image matches", failure.Message);
        Assert.EndsWith("(tagRegex)", failure.Message);
    }

    [Fact]
    public async Task Diff_UnknownChangedInput_IsAReplace_WithoutAnyLookup()
    {
        var (state, inputs) = await PinAsync(Newest);
        var listed = _listings;

        var diff = await DiffAsync(state, inputs, With(inputs, "name", UnknownValue.Instance));

        Assert.Equal(["name"], diff.Replaces);
        Assert.Equal(listed, _listings);
    }

    [Fact]
    public async Task Diff_PinnedImageNowBreaksPolicy_EnforceFailsNamingTheRule_AuditWarnsOnce()
    {
        var (state, inputs) = await PinAsync(Newest);

        NewRun(new ImagePolicy { AllowedNamespaces = ["team-vision"] });
        var enforced = await Assert.ThrowsAsync<ResourceFailure>(() => DiffAsync(state, inputs, inputs));
        NewRun(new ImagePolicy { Mode = PolicyMode.Audit, AllowedNamespaces = ["team-vision"] });
        var audited = await DiffAsync(state, inputs, inputs);
        await DiffAsync(state, inputs, inputs);

        Assert.Contains("pytorch:t-old (old)", enforced.Message);
        Assert.Contains("Rules broken: allowedNamespaces", enforced.Message);
        Assert.Empty(audited.Changes);
        _log.Verify(l => l.WarnAboutAsync(Urn, It.Is<string>(m => m.StartsWith("imagePolicy (audit)") && m.Contains("allowedNamespaces")), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Diff_TenUnchangedPinsOfOneQuery_ListTheCatalogOnce()
    {
        var pins = new List<(ResourceState, ObjectValue)>();
        for (var i = 0; i < 10; i++) pins.Add(await PinAsync(Newest));
        _catalog.Add(Image("fresh", createAt: 5000));
        NewRun();
        _listings = 0;

        var diffs = await Task.WhenAll(pins.Select(p => DiffAsync(p.Item1, p.Item2, p.Item2)));

        Assert.All(diffs, d => Assert.Empty(d.Changes));
        Assert.Equal(1, _listings);
    }

    [Fact]
    public async Task Read_ImageGone_IsGone_ImportById_ReturnsInputsImageId_RefreshListsOnlyTheStoredType()
    {
        var (state, inputs) = await PinAsync(Newest);

        NewRun();
        _listings = 0;
        var imported = await Resource.ReadAsync(new ReadInputs(Urn, "other", ObjectValue.Empty, ObjectValue.Empty), CancellationToken.None);
        var importListings = _listings;
        _catalog.RemoveAll(i => i.Id == "old");
        NewRun();
        _listings = 0;
        var refreshed = await Resource.ReadAsync(new ReadInputs(Urn, state.Id, state.Outputs, inputs), CancellationToken.None);

        Assert.Equal(2, importListings); // an id alone: BUILD_IN and DEDICATED, as getImage searches an id
        Assert.Equal(1, _listings); // refresh: the type the state records

        Assert.Equal("other", imported.Id);
        Assert.Equal(Obj(("imageId", new StringValue("other"))).Properties, imported.Inputs!.Properties);
        Assert.Equal(new StringValue("tensorflow"), Get((ObjectValue)Get(imported.Outputs, "image"), "name"));
        Assert.Same(ResourceState.Gone, refreshed);
    }

    [Fact]
    public async Task Diff_ImportedPin_AgainstTheProgramsCheckedInputsForTheSameId_IsNoChange()
    {
        var imported = await Resource.ReadAsync(new ReadInputs(Urn, "other", ObjectValue.Empty, ObjectValue.Empty), CancellationToken.None);
        var program = (await Resource.CheckAsync(new CheckInputs(Urn, imported.Inputs!, Obj(("imageId", new StringValue("other")))), CancellationToken.None)).Inputs;

        var diff = await DiffAsync(imported, imported.Inputs!, program);

        Assert.Empty(diff.Changes);
    }

    [Fact]
    public async Task SecretKeepers_StaySecretInState_Delete_ListsNothing()
    {
        var (state, _) = await PinAsync(With(Newest, "keepers", Obj(("token", new SecretValue(new StringValue("s3cr3t"))))));
        var listed = _listings;

        await Resource.DeleteAsync(new DeleteInputs(Urn, state.Id, state.Outputs), CancellationToken.None);

        var keepers = Assert.IsType<ObjectValue>(Get(state.Outputs, "keepers"));
        Assert.Equal(new SecretValue(new StringValue("s3cr3t")), Get(keepers, "token"));
        Assert.Equal(listed, _listings);
    }
}
