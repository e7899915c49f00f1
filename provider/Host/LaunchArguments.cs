namespace ModelArts.Provider.Host;

/// <summary>
/// The plugin's command line as the engine writes it: optional <c>--logtostderr</c>, <c>-v=N</c>,
/// <c>--logflow</c>, <c>--tracing X</c>, then the engine address. Unknown flags are tolerated (newer engines
/// may pass more); a second positional argument or an engine address that is not host:port is an error.
/// </summary>
internal sealed record LaunchArguments(string? EngineAddress, bool PrintSchema, bool PrintVersion, string? Error = null)
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
                    if (arg.StartsWith('-'))
                    {
                        break; // --logtostderr, -v=N, --logflow, --tracing=X and anything newer
                    }

                    if (engine is not null)
                    {
                        return new LaunchArguments(null, false, false, $"unexpected argument \"{arg}\" after the engine address {engine}");
                    }

                    if (!IsHostPort(arg))
                    {
                        return new LaunchArguments(null, false, false, $"\"{arg}\" is not an engine address; the engine passes host:port, e.g. 127.0.0.1:50051");
                    }

                    engine = arg;
                    break;
            }
        }

        return new LaunchArguments(engine, schema, version);
    }

    private static bool IsHostPort(string text) =>
        text.LastIndexOf(':') is var colon and > 0 && int.TryParse(text[(colon + 1)..], out var port) && port is > 0 and <= 65535;
}
