namespace ModelArts.IntegrationTests.Support;

/// <summary>Where the built emulator and provider live, relative to this test assembly's build.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, whichever built this assembly.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string EmulatorDll => Path.Combine(Root, "emulator", "bin", Configuration, "net10.0", "modelarts-emulator.dll");

    public static string ProviderDll => Path.Combine(Root, "provider", "bin", Configuration, "net10.0", "pulumi-resource-modelarts.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModelArts.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ModelArts.slnx not found above " + AppContext.BaseDirectory);
    }
}
