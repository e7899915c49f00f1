namespace ModelArts.Provider.Schema;

/// <summary>Package metadata of the schema and plugin.</summary>
internal static class PackageInfo
{
    public const string Name = "modelarts";
    public const string DisplayName = "Huawei Cloud ModelArts";
    public const string Description = "Pick Huawei Cloud ModelArts notebook and training images declaratively, with an allowed-images policy.";
    public const string Repository = "https://github.com/pulumi-modelarts/pulumi-modelarts";
    public const string Publisher = "pulumi-modelarts";
    public const string License = "Apache-2.0";

    /// <summary>
    /// Where the engine downloads a missing plugin from: this project's GitHub releases. A github://host/org URL
    /// means the repository org/pulumi-modelarts and the asset pulumi-resource-modelarts-v{version}-{os}-{arch}.tar.gz.
    /// </summary>
    public const string PluginDownloadUrl = "github://api.github.com/pulumi-modelarts";

    /// <summary>The Pulumi .NET SDK the generated SDK needs: the release it is built and tested against, up to the next major.</summary>
    public const string PulumiDotnetSdkRange = "[3.112.1,4)";

    /// <summary>The npm package of the Node.js SDK (sdk/nodejs).</summary>
    public const string NodejsPackageName = "@pulumi-modelarts/modelarts";

    /// <summary>
    /// The @pulumi/pulumi releases the Node.js SDK works with: any 3.x from 3.142.0, the floor Pulumi's Node.js codegen
    /// writes into generated packages (its golden package.json files) that call pulumi.runtime.invokeOutput.
    /// </summary>
    public const string PulumiNodejsSdkRange = "^3.142.0";

    /// <summary>The build's version (semver), from the assembly's informational version without build metadata.</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var info = typeof(PackageInfo).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .FirstOrDefault()?.InformationalVersion ?? "0.0.0";
        var plus = info.IndexOf('+');
        return plus < 0 ? info : info[..plus];
    }
}
