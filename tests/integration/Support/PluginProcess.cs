using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using ModelArts.Provider.Protocol.Rpc;

namespace ModelArts.IntegrationTests.Support;

/// <summary>The plugin as the engine runs it: the published native binary when built, else the JIT build.</summary>
public sealed class PluginProcess : IDisposable
{
    private readonly Process _process;
    private readonly GrpcChannel _channel;

    private PluginProcess(Process process, int port)
    {
        _process = process;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions { MaxReceiveMessageSize = 400 * 1024 * 1024 });
        Client = new ResourceProvider.ResourceProviderClient(_channel);
    }

    public ResourceProvider.ResourceProviderClient Client { get; }

    public static PluginProcess Start()
    {
        var native = Path.Combine(RepoPaths.Root, "bin", "pulumi-resource-modelarts");
        var info = File.Exists(native) ? new ProcessStartInfo(native) : new ProcessStartInfo("dotnet") { ArgumentList = { RepoPaths.ProviderDll } };
        info.ArgumentList.Add("127.0.0.1:1"); // no engine: log lines go to stderr
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var port = int.Parse(process.StandardOutput.ReadLine()!);
        return new PluginProcess(process, port);
    }

    public async Task ConfigureAsync(EmulatorProcess emulator, string? secretKey = null) => await Client.ConfigureAsync(new ConfigureRequest
    {
        AcceptSecrets = true,
        Args = new Struct
        {
            Fields =
            {
                ["endpoint"] = Value.ForString(emulator.BaseUri.ToString()),
                ["projectId"] = Value.ForString(EmulatorProcess.ProjectId),
                ["accessKey"] = Value.ForString(EmulatorProcess.AccessKey),
                ["secretKey"] = Value.ForString(secretKey ?? EmulatorProcess.SecretKey),
                ["maxRetries"] = Value.ForString("2"),
                ["requestTimeoutSeconds"] = Value.ForString("2"),
            },
        },
    });

    /// <summary>The result Struct, or the failures as text.</summary>
    public async Task<(Struct? Result, string Failures)> InvokeAsync(string token, Struct args)
    {
        var response = await Client.InvokeAsync(new InvokeRequest { Tok = token, Args = args });
        return response.Failures.Count > 0
            ? (null, string.Join("; ", response.Failures.Select(f => $"{f.Property}: {f.Reason}")))
            : (Struct.Parser.ParseFrom(response.Return), "");
    }

    public void Dispose()
    {
        _channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
