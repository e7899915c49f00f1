using ModelArts.Provider.Functions;
using ModelArts.Provider.Host;
using ModelArts.Provider.Schema;

// pulumi-resource-modelarts: the engine launches it, reads the port from the first stdout line, and talks gRPC.
var launch = LaunchArguments.Parse(args);
if (launch.Error is { } error)
{
    Console.Error.WriteLine($"pulumi-resource-modelarts: {error}. The Pulumi engine starts this plugin; see README for running it by hand.");
    return 2;
}
if (launch.PrintSchema)
{
    Console.Out.Write(PackageSchema.Json(new FunctionRegistry(() => throw new InvalidOperationException("schema only")).All));
    return 0;
}

if (launch.PrintVersion)
{
    Console.Out.WriteLine(PackageInfo.Version);
    return 0;
}

// Anything written to stdout before the port line kills the plugin, and nothing after it is shown:
// keep the real stdout for the port alone and send every other write to stderr.
using var stdout = Console.OpenStandardOutput();
Console.SetOut(Console.Error);

await using var app = ProviderHost.Build(launch);
await app.StartAsync();
var portLine = System.Text.Encoding.ASCII.GetBytes($"{ProviderHost.Port(app)}\n");
stdout.Write(portLine);
stdout.Flush();

await app.WaitForShutdownAsync();
return 0;
