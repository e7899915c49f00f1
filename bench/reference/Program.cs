using System.Collections.Immutable;
using Pulumi.Experimental;
using Pulumi.Experimental.Provider;

// The SDK's host: Kestrel on a free loopback port (HTTP/2), prints the port and a newline on stdout, and serves
// until the engine stops it. The one argument the engine passes, its address, is read by the SDK.
await Provider.Serve(args, RefProvider.Version, _ => new RefProvider(), CancellationToken.None);

/// <summary>Schema, config and one function, getImage, answered from its argument alone.</summary>
internal sealed class RefProvider : Provider
{
    public const string Version = "0.1.0";
    private const string GetImage = "modelartsref:index:getImage";

    private const string Schema = $$"""
        {
          "name": "modelartsref",
          "version": "{{Version}}",
          "functions": {
            "{{GetImage}}": {
              "inputs": { "properties": { "name": { "type": "string" } }, "required": ["name"] },
              "outputs": {
                "properties": { "id": { "type": "string" }, "swrPath": { "type": "string" } },
                "required": ["id", "swrPath"]
              }
            }
          }
        }
        """;

    public override Task<GetSchemaResponse> GetSchema(GetSchemaRequest request, CancellationToken ct) =>
        Task.FromResult(new GetSchemaResponse { Schema = Schema });

    // Any configuration is accepted as given; Configure keeps the SDK's default answer.
    public override Task<CheckResponse> CheckConfig(CheckRequest request, CancellationToken ct) =>
        Task.FromResult(new CheckResponse { Inputs = request.NewInputs });

    public override Task<InvokeResponse> Invoke(InvokeRequest request, CancellationToken ct)
    {
        if (request.Tok != GetImage)
        {
            throw new NotImplementedException($"unknown function {request.Tok}"); // the SDK answers UNIMPLEMENTED
        }

        if (!request.Args.TryGetValue("name", out var value) || !value.TryGetString(out var name))
        {
            return Task.FromResult(new InvokeResponse { Failures = [new CheckFailure("name", "a string is required")] });
        }

        return Task.FromResult(new InvokeResponse
        {
            Return = ImmutableDictionary<string, PropertyValue>.Empty
                .Add("id", new PropertyValue("ref-" + name))
                .Add("swrPath", new PropertyValue("swr.example/" + name)),
        });
    }
}
