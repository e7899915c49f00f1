using System.Text.Json.Nodes;
using Json.Schema;
using ModelArts.Provider.Functions;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Functions.GetImages;
using ModelArts.Provider.Functions.Types;
using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.Schema;
using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.UnitTests.Schema;

public sealed class PackageSchemaTests
{
    private static readonly FunctionRegistry Functions = new(() => throw new InvalidOperationException("schema only"));
    private static readonly string Generated = PackageSchema.Json(Functions.All);
    private static readonly JsonNode Parsed = JsonNode.Parse(Generated)!;

    // JsonSchema.Net registers a schema by its $id process-wide, so it is read once.
    private static readonly Lazy<JsonSchema> Metaschema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Root, "third_party", "pulumi", "package-metaschema.json"))));

    [Fact]
    public void Schema_ValidatesAgainstPulumiMetaschema()
    {
        var metaschema = Metaschema.Value;

        var result = metaschema.Evaluate(System.Text.Json.JsonDocument.Parse(Generated).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors));
    }

    [Fact]
    public void Schema_MetaschemaRejectsABrokenSchema()
    {
        var metaschema = Metaschema.Value;
        var broken = JsonNode.Parse(Generated)!;
        broken["functions"]!["modelarts:index:getImages"]!["inputs"]!["properties"]!["name"]!["type"] = "text";

        Assert.False(metaschema.Evaluate(System.Text.Json.JsonDocument.Parse(broken.ToJsonString()).RootElement).IsValid);
    }

    [Fact]
    public void CommittedSchemaJson_MatchesWhatGetSchemaServes() =>
        Assert.True(File.ReadAllText(Path.Combine(RepoPaths.Root, "provider", "schema.json")) == Generated,
            "provider/schema.json drifted from the provider: run `make schema` and commit it");

    [Fact]
    public void Schema_ContractNamesAndSecrets()
    {
        Assert.Equal("modelarts", (string?)Parsed["name"]);
        Assert.Equal("Huawei Cloud ModelArts", (string?)Parsed["displayName"]);
        var variables = Parsed["config"]!["variables"]!.AsObject();
        Assert.Equal(["region", "projectId", "accessKey", "secretKey", "securityToken", "authToken", "endpoint", "maxRetries", "requestTimeoutSeconds", "lookupTimeoutSeconds", "insecure", "imagePolicy"],
            variables.Select(v => v.Key));
        Assert.Equal(["accessKey", "secretKey", "securityToken", "authToken"], variables.Where(v => (bool?)v.Value!["secret"] == true).Select(v => v.Key));
        Assert.Equal(["HW_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN"], variables["securityToken"]!["defaultInfo"]!["environment"]!.AsArray().Select(e => (string?)e));
        Assert.Equal("number", (string?)Parsed["types"]!["modelarts:index:Image"]!["properties"]!["createAt"]!["type"]);
        Assert.Equal("number", (string?)Parsed["types"]!["modelarts:index:Image"]!["properties"]!["size"]!["type"]);
    }

    [Fact]
    public async Task EverySchemaInput_IsDecoded_WithItsSchemaType()
    {
        foreach (var function in Parsed["functions"]!.AsObject())
        {
            var decoder = Functions.Find(function.Key)!;
            foreach (var input in function.Value!["inputs"]!["properties"]!.AsObject())
            {
                var schemaType = (string)input.Value!["type"]!;
                PropertyValue wrong = schemaType == "string" ? new NumberValue(1) : new StringValue("not-a-" + schemaType);
                var outcome = await decoder.InvokeAsync(new ObjectValue([new(input.Key, wrong)]), CancellationToken.None);

                var failure = Assert.Single(outcome.Failures);
                Assert.Equal(input.Key, failure.Property);
                var expected = schemaType switch { "string" => "expected a string", "boolean" => "expected a boolean", "array" => "expected a list of strings", _ => "?" };
                Assert.StartsWith(expected, failure.Reason);
            }
        }
    }

    [Fact]
    public void EncodedOutputs_HaveExactlyTheSchemaProperties_RequiredAlwaysPresent()
    {
        var function = GetImagesFunction.Create(() => throw new InvalidOperationException());
        var empty = function.Encode(new GetImagesResult([], []));
        var full = ImageType.Type.Encode(new ImageDto { Id = "i", CreateAt = 1, Size = 2, UpdateAt = 3 });
        var schemaOutputs = Parsed["functions"]!["modelarts:index:getImages"]!["outputs"]!;
        var imageSchema = Parsed["types"]!["modelarts:index:Image"]!;

        Assert.Equal(schemaOutputs["properties"]!.AsObject().Select(p => p.Key), empty.Properties.Select(p => p.Key));
        Assert.Equal(schemaOutputs["required"]!.AsArray().Select(r => (string?)r), empty.Properties.Select(p => p.Key));
        Assert.Equal(imageSchema["properties"]!.AsObject().Select(p => p.Key), full.Properties.Select(p => p.Key));
        var bare = ImageType.Type.Encode(new ImageDto());
        foreach (var required in imageSchema["required"]!.AsArray().Select(r => (string)r!))
        {
            Assert.IsNotType<NullValue>(bare.Properties.Single(p => p.Key == required).Value);
        }
    }
}
