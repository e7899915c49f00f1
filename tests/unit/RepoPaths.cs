namespace ModelArts.UnitTests;

/// <summary>The repository root (holding ModelArts.slnx). Tests read nothing outside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

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
