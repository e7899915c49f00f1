namespace ModelArts.Provider.Host;

/// <summary>
/// The plugin's command line as the engine writes it: optional <c>--logtostderr</c>, <c>-v=N</c>,
/// <c>--logflow</c>, <c>--tracing X</c>, then the engine address. Unknown flags are tolerated.
/// </summary>
internal sealed record LaunchArguments(string? EngineAddress, bool PrintSchema, bool PrintVersion)
{
    public static LaunchArguments Parse(IReadOnlyList<string> args)
    {
        string? engine = null;
        bool schema = false, version = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--print-schema":
                    schema = true;
                    break;
                case "--version":
                    version = true;
                    break;
                case "--tracing" or "-tracing":
                    i++; // its value
                    break;
                default:
                    if (!arg.StartsWith('-') && engine is null)
                    {
                        engine = arg;
                    }

                    break; // --logtostderr, -v=N, --logflow, --tracing=X and anything newer
            }
        }

        return new LaunchArguments(engine, schema, version);
    }
}
