using System.Text.Json;
using System.Text.Json.Nodes;
using ModelArts.Emulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

EmulatorOptions options;
try
{
    options = EmulatorOptions.Parse(args);
}
catch (EmulatorOptions.HelpRequested)
{
    Console.WriteLine(EmulatorOptions.Usage);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"modelarts-emulator: {e.Message}");
    return 2;
}

List<JsonObject> seed;
var catalogFile = options.CatalogFile ?? Path.Combine(AppContext.BaseDirectory, "catalog", "images.json");
try
{
    seed = options.Generate is { } n ? CatalogGenerator.Generate(n) : ImageStore.Load(catalogFile);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
{
    Console.Error.WriteLine($"modelarts-emulator: cannot read the catalog {catalogFile}: {e.Message}");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, options.Port));
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new ImageStore(seed));
builder.Services.AddSingleton(new FaultState(options.Faults));
builder.Services.AddSingleton<EmulatorStats>();
builder.Services.AddSingleton<SignatureVerifier>();
builder.Services.AddSingleton<ImagesEndpoint>();

var app = builder.Build();
var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);

app.Use(async (context, next) =>
{
    // Every response carries a request id, as Huawei's gateway does.
    context.Response.Headers["X-Request-Id"] = Guid.NewGuid().ToString("N");
    if (!context.Request.Path.StartsWithSegments("/_emulator"))
    {
        context.RequestServices.GetRequiredService<EmulatorStats>().Request();
    }

    await next(context);
});

app.MapGet("/v1/{projectId}/images", (HttpContext context, string projectId, ImagesEndpoint endpoint) => endpoint.HandleAsync(context, projectId));
app.MapGet("/_emulator/stats", (EmulatorStats stats) => Results.Json(stats.Snapshot(), web));
app.MapGet("/_emulator/faults", (FaultState faults) => Results.Json(faults.Current, web));
app.MapPost("/_emulator/faults", async (HttpContext context, FaultState faults) =>
{
    var settings = await JsonSerializer.DeserializeAsync<FaultSettings>(context.Request.Body, web) ?? new FaultSettings();
    faults.Set(settings);
    return Results.Json(settings, web);
});
app.MapPost("/_emulator/reset", (EmulatorStats stats, FaultState faults, ImageStore store) =>
{
    stats.Reset();
    faults.Set(new FaultSettings());
    store.Replace(seed.Select(i => (JsonObject)i.DeepClone()));
    return Results.Ok();
});
app.MapPost("/_emulator/catalog", async (HttpContext context, ImageStore store) =>
{
    var generate = context.Request.Query["generate"].ToString();
    if (int.TryParse(generate, out var count))
    {
        store.Replace(CatalogGenerator.Generate(count));
    }
    else
    {
        var node = await JsonNode.ParseAsync(context.Request.Body);
        store.Replace((node as JsonArray ?? new JsonArray()).OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone()));
    }

    return Results.Json(new { images = store.Count }, web);
});
app.MapPost("/_emulator/images", async (HttpContext context, ImageStore store) =>
{
    if (await JsonNode.ParseAsync(context.Request.Body) is not JsonObject image)
    {
        return Results.Json(new { error = "expected one image as a JSON object" }, statusCode: 400);
    }

    return Results.Json(store.Publish(image), web);
});
app.MapDelete("/_emulator/images/{id}", (string id, ImageStore store) =>
    store.Delete(id) ? Results.Json(new { deleted = id, images = store.Count }, web) : Results.Json(new { error = $"no image {id}" }, statusCode: 404));
app.MapFallback((HttpContext context) =>
{
    context.Response.StatusCode = 404;
    return Results.Json(new { error_code = "APIG.0101", error_msg = "The API does not exist or has not been published in the environment" }, statusCode: 404);
});

try
{
    await app.StartAsync();
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"modelarts-emulator: port {options.Port} on 127.0.0.1 is taken by another process; choose another with --port, or --port 0 for a free one");
    return 2;
}

var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.Out.WriteLine(address);
Console.Out.Flush();
Console.Error.WriteLine($"modelarts-emulator: {seed.Count} images, project {options.ProjectId}, access key {options.AccessKey}; stats at {address}/_emulator/stats");
await app.WaitForShutdownAsync();
return 0;
