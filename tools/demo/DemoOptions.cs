namespace ModelArts.Demo;

internal sealed record DemoOptions(string Plugin, string EmulatorDll, string RepoRoot)
{
    public static DemoOptions Parse(string[] args)
    {
        string? plugin = null, emulator = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--plugin": plugin = args[i + 1]; break;
                case "--emulator": emulator = args[i + 1]; break;
                default: throw new ArgumentException($"unknown argument {args[i]}; usage: modelarts-demo --plugin PATH --emulator DLL");
            }
        }

        var root = Directory.GetCurrentDirectory();
        return new DemoOptions(
            Path.GetFullPath(plugin ?? Path.Combine(root, "bin", "pulumi-resource-modelarts")),
            Path.GetFullPath(emulator ?? Path.Combine(root, "emulator", "bin", "Release", "net10.0", "modelarts-emulator.dll")),
            root);
    }
}
