using System.Text.RegularExpressions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.ModelArtsApi;
using ModelArts.Provider.Query;

namespace ModelArts.Provider.Functions;

/// <summary>Declarations of the shared filter inputs (names, docs, checks) and their translation to query criteria.</summary>
internal static partial class ImageFilterInputs
{
    /// <summary>A regex that runs longer than this on one name is an error, not a hang.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    public static readonly string[] ImageTypes = ["BUILD_IN", "DEDICATED"];
    public static readonly string[] ServiceTypes = ["COMMON", "INFERENCE", "TRAIN", "DEV", "UNKNOWN"];
    public static readonly string[] Arches = ["X86_64", "AARCH64"];
    public static readonly string[] ResourceCategories = ["CPU", "GPU", "ASCEND"];
    public static readonly string[] DevServices = ["NOTEBOOK", "SSH"];
    public static readonly string[] Statuses = ["ACTIVE", "INIT", "CREATING", "CREATE_FAILED", "ERROR", "DELETED", ImageCriteria.AnyStatus];
    public static readonly string[] Visibilities = ["PRIVATE", "PUBLIC", "HIDDEN"];

    public static readonly IReadOnlyList<InputProperty<ImageFilterArgs>> All =
    [
        new StringInput<ImageFilterArgs>("name", "Image name, matched by the API (a substring unless `nameFuzzyMatch` is false). Up to 512 lowercase letters, digits, `-`, `_` and `.`.",
            (a, v) => a with { Name = v }) { Validate = ValidateName },
        new BoolInput<ImageFilterArgs>("nameFuzzyMatch", "Whether `name` matches as a substring (the API's default, true) or exactly.",
            (a, v) => a with { NameFuzzyMatch = v }) { Default = true },
        new StringInput<ImageFilterArgs>("nameRegex", ".NET regular expression the image name must match (applied by the provider).",
            (a, v) => a with { NameRegex = v }) { Validate = ValidateRegex },
        new StringInput<ImageFilterArgs>("namespace", "SWR organization the image belongs to (applied by the API).",
            (a, v) => a with { Namespace = v }) { Validate = ValidateNamespace },
        new StringInput<ImageFilterArgs>("type", "BUILD_IN or DEDICATED. When omitted the API lists BUILD_IN images only.",
            (a, v) => a with { Type = v }) { AllowedValues = ImageTypes },
        new StringInput<ImageFilterArgs>("serviceType", "COMMON, INFERENCE, TRAIN, DEV or UNKNOWN (applied by the API).",
            (a, v) => a with { ServiceType = v }) { AllowedValues = ServiceTypes },
        new StringInput<ImageFilterArgs>("workspaceId", "Workspace ID: \"0\" (the default workspace) or 32 characters [0-9a-z] (applied by the API).",
            (a, v) => a with { WorkspaceId = v }) { Validate = ValidateWorkspace },
        new StringInput<ImageFilterArgs>("arch", "X86_64 or AARCH64, compared case-insensitively (the API reports `x86_64`).",
            (a, v) => a with { Arch = v }) { AllowedValues = Arches },
        new StringListInput<ImageFilterArgs>("resourceCategories", "The image must support all of these: CPU, GPU, ASCEND (any case).",
            (a, v) => a with { ResourceCategories = v }) { AllowedValues = ResourceCategories },
        new StringListInput<ImageFilterArgs>("devServices", "The image must offer all of these, e.g. NOTEBOOK, SSH (any case; values the docs do not list are accepted).",
            (a, v) => a with { DevServices = v }) { AllowedValues = DevServices, AllowUnknownValues = true },
        new StringListInput<ImageFilterArgs>("statuses", "Statuses to accept. Absent or empty means [\"ACTIVE\"]; [\"*\"] means any status.",
            (a, v) => a with { Statuses = v }) { AllowedValues = Statuses },
        new StringInput<ImageFilterArgs>("visibility", "PRIVATE, PUBLIC or HIDDEN (applied by the provider).",
            (a, v) => a with { Visibility = v }) { AllowedValues = Visibilities },
        new StringInput<ImageFilterArgs>("tagRegex", ".NET regular expression the image tag must match (applied by the provider).",
            (a, v) => a with { TagRegex = v }) { Validate = ValidateRegex },
    ];

    public static ImageCriteria ToCriteria(ImageFilterArgs a, string? id = null) => new()
    {
        // true is the API's own default, so it is left out: the SDKs send the schema's default (true) and a PinnedImage
        // or a YAML program leaves it absent, and both must be one listing that the run's lookups share.
        Server = new ImageListQuery(a.Name, a.NameFuzzyMatch == false ? false : null, a.Namespace, a.Type, a.ServiceType, a.WorkspaceId),
        Id = id,
        NameRegex = a.NameRegex is null ? null : Compile(a.NameRegex),
        TagRegex = a.TagRegex is null ? null : Compile(a.TagRegex),
        Arch = a.Arch,
        ResourceCategories = a.ResourceCategories,
        DevServices = a.DevServices,
        Statuses = a.Statuses,
        Visibility = a.Visibility,
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
            return $"\"{StringInput<ImageFilterArgs>.Shorten(pattern)}\" is not a valid .NET regular expression: {why} (at offset {e.Offset}); " +
                "escape ( ) [ ] { } . * + ? | ^ $ \\ with a backslash to match them literally";
        }
        catch (ArgumentException e)
        {
            return $"\"{StringInput<ImageFilterArgs>.Shorten(pattern)}\" is not a valid .NET regular expression: {e.Message}";
        }
    }

    [GeneratedRegex(@"^Invalid pattern '.*' at offset \d+\.\s*", RegexOptions.Singleline)]
    private static partial Regex InvalidPatternPrefix();

    private static string? ValidateName(string name) =>
        name.Length > 512 ? $"is {name.Length} characters long; image names have at most 512"
        : name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.') ? null
        : $"\"{StringInput<ImageFilterArgs>.Shorten(name)}\" has characters image names never contain; they use lowercase letters, digits, '-', '_' and '.' (use nameRegex for patterns)";

    // The API compares namespaces exactly, and SWR organization names are lowercase: an uppercase letter can only
    // ever match nothing, so it is refused with the fix rather than silently returning no image.
    private static string? ValidateNamespace(string ns) =>
        ns.Any(char.IsUpper)
            ? $"\"{StringInput<ImageFilterArgs>.Shorten(ns)}\" has uppercase letters, but the API matches namespaces exactly and SWR organization names are lowercase; use \"{StringInput<ImageFilterArgs>.Shorten(ns.ToLowerInvariant())}\""
            : null;

    private static string? ValidateWorkspace(string id) =>
        id == "0" || (id.Length == 32 && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9'))
            ? null
            : $"\"{StringInput<ImageFilterArgs>.Shorten(id)}\" is not a workspace ID; use \"0\" or the 32-character ID [0-9a-z]";
}
