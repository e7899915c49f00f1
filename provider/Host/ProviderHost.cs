using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelArts.Provider.Configuration;
using ModelArts.Provider.Protocol;

namespace ModelArts.Provider.Host;

/// <summary>
/// The smallest host that serves the provider: Kestrel core on 127.0.0.1, an OS-chosen port, cleartext
/// HTTP/2 only, gRPC, no configuration files (no file watching) and no loggers.
/// </summary>
internal static class ProviderHost
{
    public static WebApplication Build(LaunchArguments launch)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2);
            k.AddServerHeader = false;
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.Configure<Microsoft.Extensions.Hosting.ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SecretRedactor>();
        builder.Services.AddSingleton<EngineLog>();
        // The composition root: each Configure builds its API client, listing cache, policy and lookup here.
        builder.Services.AddSingleton<LookupFactory>(services =>
        {
            var time = services.GetRequiredService<TimeProvider>();
            return (config, log) => new ConfiguredServices(config, log, time);
        });
        builder.Services.AddSingleton<ProviderSession>();
        builder.Services.AddSingleton(ConfigReader.FromProcessEnvironment());
        builder.Services.AddSingleton<ExceptionInterceptor>();
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<ExceptionInterceptor>();
            o.MaxReceiveMessageSize = 64 * 1024 * 1024;
            o.EnableDetailedErrors = false;
        });
        // ResourceProviderMethods binds the service's methods (Invoke with its own marshaller) in place of the
        // generated binder's reflection-based discovery, which would bind Invoke a second time.
        builder.Services.RemoveAll(typeof(IServiceMethodProvider<>));
        builder.Services.AddSingleton<ResourceProviderService>();
        builder.Services.AddSingleton<IServiceMethodProvider<ResourceProviderService>, ResourceProviderMethods>();

        var app = builder.Build();
        app.UseRouting();
        app.MapGrpcService<ResourceProviderService>();
        if (launch.EngineAddress is { } engine)
        {
            app.Services.GetRequiredService<EngineLog>().Connect(engine);
        }

        return app;
    }

    public static int Port(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }
}
