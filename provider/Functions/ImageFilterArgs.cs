using System.Text.RegularExpressions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.Query;

namespace ModelArts.Provider.Functions;

/// <summary>
/// The inputs getImages and getImage share, each declared once with its doc and checks (tools/input-generator writes
/// <c>Inputs</c> from them), and their translation to query criteria. Null means "not given".
/// </summary>
internal sealed partial record ImageFilterArgs
{
    /// <summary>A regex that runs longer than this on one name is an error, not a hang.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    public static readonly string[] ImageTypes = ["BUILD_IN", "DEDICATED"];
    private static readonly string[] ServiceTypes = ["COMMON", "INFERENCE", "TRAIN", "DEV", "UNKNOWN"];
    private static readonly string[] Arches = ["X86_64", "AARCH64"];
    private static readonly string[] KnownResourceCategories = ["CPU", "GPU", "ASCEND"];
    private static readonly string[] KnownDevServices = ["NOTEBOOK", "SSH"];
    private static readonly string[] KnownStatuses = ["ACTIVE", "INIT", "CREATING", "CREATE_FAILED", "ERROR", "DELETED", ImageCriteria.AnyStatus];
    private static readonly string[] Visibilities = ["PRIVATE", "PUBLIC", "HIDDEN"];

    [Input("Image name, matched by the API (a substring unless `nameFuzzyMatch` is false). Up to 512 lowercase letters, digits, `-`, `_` and `.`.",
        Validate = nameof(ValidateName))]
    public string? Name { get; init; }

    [Input("Whether `name` matches as a substring (the API's default, true) or exactly.", Default = true)]
    public bool? NameFuzzyMatch { get; init; }

    [Input(".NET regular expression the image name must match (applied by the provider).", Validate = nameof(ValidateRegex))]
    public string? NameRegex { get; init; }

    [Input("SWR organization the image belongs to (applied by the API).", Validate = nameof(ValidateNamespace))]
    public string? Namespace { get; init; }

    [Input("BUILD_IN or DEDICATED. When omitted the API lists BUILD_IN images only.", AllowedValues = nameof(ImageTypes))]
    public string? Type { get; init; }

    [Input("COMMON, INFERENCE, TRAIN, DEV or UNKNOWN (applied by the API).", AllowedValues = nameof(ServiceTypes))]
    public string? ServiceType { get; init; }

    [Input("Workspace ID: \"0\" (the default workspace) or 32 characters [0-9a-z] (applied by the API).", Validate = nameof(ValidateWorkspace))]
    public string? WorkspaceId { get; init; }

    [Input("X86_64 or AARCH64, compared case-insensitively (the API reports `x86_64`).", AllowedValues = nameof(Arches))]
    public string? Arch { get; init; }

    [Input("The image must support all of these: CPU, GPU, ASCEND (any case).", AllowedValues = nameof(KnownResourceCategories))]
    public IReadOnlyList<string> ResourceCategories { get; init; } = [];

    [Input("The image must offer all of these, e.g. NOTEBOOK, SSH (any case; values the docs do not list are accepted).",
        AllowedValues = nameof(KnownDevServices), AllowUnknownValues = true)]
    public IReadOnlyList<string> DevServices { get; init; } = [];

    [Input("Statuses to accept. Absent or empty means [\"ACTIVE\"]; [\"*\"] means any status.", AllowedValues = nameof(KnownStatuses))]
    public IReadOnlyList<string> Statuses { get; init; } = [];

    [Input("PRIVATE, PUBLIC or HIDDEN (applied by the provider).", AllowedValues = nameof(Visibilities))]
    public string? Visibility { get; init; }

    [Input(".NET regular expression the image tag must match (applied by the provider).", Validate = nameof(ValidateRegex))]
    public string? TagRegex { get; init; }

    public ImageCriteria ToCriteria(string? id = null) => new()
    {
        // true is the API's own default, so it is left out: the SDKs send the schema's default (true) and a PinnedImage
        // or a YAML program leaves it absent, and both must be one listing that the run's lookups share.
        Server = new ImageListQuery(Name, NameFuzzyMatch == false ? false : null, Namespace, Type, ServiceType, WorkspaceId),
        Id = id,
        NameRegex = NameRegex is null ? null : Compile(NameRegex),
        TagRegex = TagRegex is null ? null : Compile(TagRegex),
        Arch = Arch,
        ResourceCategories = ResourceCategories,
        DevServices = DevServices,
        Statuses = Statuses,
        Visibility = Visibility,
    };

    private static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, RegexTimeout);

    private static string? ValidateRegex(string pattern)
    {
        try
        {
            Compile(pattern);
            return null;
        }
        catch (RegexParseException e)
        {
            // .NET says "Invalid pattern '(ab' at offset 3. Not enough )'s."; the pattern is already the subject here.
            var why = InvalidPatternPrefix().Replace(e.Message, "").TrimEnd('.');
            return $"\"{Shorten(pattern)}\" is not a valid .NET regular expression: {why} (at offset {e.Offset}); " +
                "escape ( ) [ ] { } . * + ? | ^ $ \\ with a backslash to match them literally";
        }
        catch (ArgumentException e)
        {
            return $"\"{Shorten(pattern)}\" is not a valid .NET regular expression: {e.Message}";
        }
    }

    [GeneratedRegex(@"^Invalid pattern '.*' at offset \d+\.\s*", RegexOptions.Singleline)]
    private static partial Regex InvalidPatternPrefix();

    private static string? ValidateName(string name) =>
        name.Length > 512 ? $"is {name.Length} characters long; image names have at most 512"
        : name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.') ? null
        : $"\"{Shorten(name)}\" has characters image names never contain; they use lowercase letters, digits, '-', '_' and '.' (use nameRegex for patterns)";

    // The API compares namespaces exactly, and SWR organization names are lowercase: an uppercase letter can only
    // ever match nothing, so it is refused with the fix rather than silently returning no image.
    private static string? ValidateNamespace(string ns) =>
        ns.Any(char.IsUpper)
            ? $"\"{Shorten(ns)}\" has uppercase letters, but the API matches namespaces exactly and SWR organization names are lowercase; use \"{Shorten(ns.ToLowerInvariant())}\""
            : null;

    private static string? ValidateWorkspace(string id) =>
        id == "0" || (id.Length == 32 && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9'))
            ? null
            : $"\"{Shorten(id)}\" is not a workspace ID; use \"0\" or the 32-character ID [0-9a-z]";

    private static string Shorten(string text) => StringInput<ImageFilterArgs>.Shorten(text);
}
