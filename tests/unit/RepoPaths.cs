namespace ModelArts.UnitTests;

/// <summary>The repository root (holding ModelArts.slnx) and the shared docs beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Shared => Path.Combine(Root, "..", "shared");

    private static string Find()
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
