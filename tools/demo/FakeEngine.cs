using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ModelArts.Provider.Protocol.Rpc;

namespace ModelArts.Demo;

/// <summary>The engine's Log service, so the demo can show what `pulumi preview` would show.</summary>
internal sealed class FakeEngine : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeEngine(WebApplication app, string address, ConcurrentQueue<LogRequest> logs)
    {
        _app = app;
        Address = address;
        Logs = logs;
    }

    public string Address { get; }

    public ConcurrentQueue<LogRequest> Logs { get; }

    public static async Task<FakeEngine> StartAsync()
    {
        var logs = new ConcurrentQueue<LogRequest>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(logs);
        var app = builder.Build();
        app.UseRouting();
        app.MapGrpcService<LogService>();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new FakeEngine(app, $"127.0.0.1:{address.Port}", logs);
    }

    public List<LogRequest> Drain()
    {
        var drained = new List<LogRequest>();
        while (Logs.TryDequeue(out var l)) drained.Add(l);
        return drained;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class LogService(ConcurrentQueue<LogRequest> logs) : Engine.EngineBase
    {
        public override Task<Google.Protobuf.WellKnownTypes.Empty> Log(LogRequest request, ServerCallContext context)
        {
            logs.Enqueue(request);
            return Task.FromResult(new Google.Protobuf.WellKnownTypes.Empty());
        }
    }
}
