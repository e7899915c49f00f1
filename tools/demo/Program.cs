using System.Security.Cryptography;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using ModelArts.Demo;
using ModelArts.Provider.Protocol.Rpc;

// make demo: the example program's queries through the plugin, as `pulumi preview` would run them.
var options = DemoOptions.Parse(args);
var root = options.RepoRoot;
var program = YamlProgram.Load(Path.Combine(root, "examples", "yaml", "Pulumi.yaml"), Path.Combine(root, "examples", "yaml", "Pulumi.dev.yaml"));
var cloud = CloudCredentials.FromEnvironment();

await using var engine = await FakeEngine.StartAsync();
ChildProcess? emulator = null;
try
{
    var config = program.Config.Clone();
    if (cloud is not null)
    {
        Console.WriteLine($"Querying the real ModelArts API in {cloud.Region} (credentials from HW_* variables).");
        foreach (var (k, v) in cloud.ToConfig()) config.Fields[k] = v;
    }
    else
    {
        // A fresh secret per run: the emulator checks real signatures, and nothing fixed needs protecting.
        var secretKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        const string accessKey = "DEMOACCESSKEY", projectId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
        emulator = await ChildProcess.StartAsync("dotnet",
            [options.EmulatorDll, "--access-key", accessKey, "--secret-key", secretKey, "--project-id", projectId], root);
        Console.WriteLine($"Emulator with the bundled catalog at {emulator.FirstLine}; plugin {options.Plugin}");
        config.Fields["endpoint"] = Value.ForString(emulator.FirstLine);
        config.Fields["projectId"] = Value.ForString(projectId);
        config.Fields["accessKey"] = Secret(accessKey);
        config.Fields["secretKey"] = Secret(secretKey);
    }

    // Launched exactly as the engine launches a plugin: flags, the engine address, the program's directory.
    await using var plugin = await ChildProcess.StartAsync(options.Plugin, ["--logtostderr", "-v=1", engine.Address], Path.Combine(root, "examples", "yaml"));
    using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{plugin.FirstLine}");
    var provider = new ResourceProvider.ResourceProviderClient(channel);

    await provider.HandshakeAsync(new ProviderHandshakeRequest { EngineAddress = engine.Address, ProgramDirectory = Path.Combine(root, "examples", "yaml") });
    var info = await provider.GetPluginInfoAsync(new Empty());
    var check = await provider.CheckConfigAsync(new CheckRequest { News = config, Olds = new Struct(), Urn = "urn:pulumi:dev::modelarts-images-yaml::pulumi:providers:modelarts::default" });
    if (check.Failures.Count > 0)
    {
        foreach (var f in check.Failures) Console.Error.WriteLine($"config error: modelarts:{f.Property} {f.Reason}");
        return 1;
    }

    await provider.ConfigureAsync(new ConfigureRequest { Args = config, AcceptSecrets = true });
    Console.WriteLine($"pulumi-resource-modelarts {info.Version}, imagePolicy from examples/yaml/Pulumi.dev.yaml\n");

    var report = new ResultTable(Console.Out);
    var failed = false;
    foreach (var (name, function, arguments) in program.Invokes)
    {
        var response = await provider.InvokeAsync(new InvokeRequest { Tok = function, Args = arguments });
        failed |= response.Failures.Count > 0;
        report.Query(name, function, arguments, response, engine.Drain());
    }

    // What a developer sees when a lookup hits the policy: an image of a team the platform does not allow.
    var blocked = new Struct { Fields = { ["type"] = Value.ForString("DEDICATED"), ["namespace"] = Value.ForString("sandbox"), ["mostRecent"] = Value.ForBool(true) } };
    report.Query("policyDemo (not in the example)", "modelarts:index:getImage", blocked,
        await provider.InvokeAsync(new InvokeRequest { Tok = "modelarts:index:getImage", Args = blocked }), engine.Drain());

    await provider.CancelAsync(new Empty());
    var exit = await plugin.StopAsync();
    Console.WriteLine($"\nPlugin stopped (exit {exit}).{(failed ? " Some example queries failed." : "")}");
    return failed || exit != 0 ? 1 : 0;
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
        Console.WriteLine("Emulator stopped.");
    }
}

static Value Secret(string value) => Value.ForStruct(new Struct
{
    Fields = { ["4dabf18193072939515e22adb298388d"] = Value.ForString("1b47061264138c4ac30d75fd1eb44270"), ["value"] = Value.ForString(value) },
});
