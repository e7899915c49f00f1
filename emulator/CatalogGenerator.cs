using System.Text.Json.Nodes;

namespace ModelArts.Emulator;

/// <summary>Deterministic synthetic catalogs for `--generate N` (large listings, benchmarks).</summary>
internal static class CatalogGenerator
{
    private static readonly string[] Frameworks = ["pytorch2.1.0", "tensorflow2.13.0", "mindspore2.2.0", "mxnet1.9.1", "xgboost1.7"];
    private static readonly string[] Namespaces = ["atelier", "team-vision", "team-nlp", "platform"];
    private static readonly string[] Statuses = ["ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "CREATING", "ERROR", "DELETED"];

    public static List<JsonObject> Generate(int count) => Enumerable.Range(0, count).Select(i => Image(i, 1_690_000_000_000L + i * 60_000L)).ToList();

    public static JsonObject Image(int i, long createAt)
    {
        var framework = Frameworks[i % Frameworks.Length];
        var gpu = i % 3 != 0;
        var arm = i % 7 == 0;
        var ns = Namespaces[i % Namespaces.Length];
        var name = $"{framework}-{(gpu ? "cuda11.8" : "cpu")}-{(arm ? "euler2.10" : "ubuntu22.04")}-g{i:D5}";
        var tag = $"{i / 100 + 1}.{i % 100}.0-{createAt / 1000}";
        return new JsonObject
        {
            ["arch"] = arm ? "aarch64" : "x86_64",
            ["create_at"] = createAt,
            ["description"] = $"Generated image {i} with {framework}",
            ["dev_services"] = new JsonArray("NOTEBOOK", "SSH"),
            ["id"] = $"{i:x8}-0000-4000-8000-{i:x12}",
            ["name"] = name,
            ["namespace"] = ns,
            ["origin"] = i % 2 == 0 ? "CUSTOMIZE" : "IMAGE_SAVE",
            ["resource_categories"] = gpu ? new JsonArray("GPU", "CPU") : new JsonArray("CPU"),
            ["service_type"] = i % 4 == 0 ? "TRAIN" : "COMMON",
            ["size"] = 4_000_000L + i,
            ["status"] = Statuses[i % Statuses.Length],
            ["swr_path"] = $"swr.cn-north-4.myhuaweicloud.com/{ns}/{name}:{tag}",
            ["tag"] = tag,
            // All BUILD_IN, so that one query (the API's default type) lists every generated image.
            ["type"] = "BUILD_IN",
            ["update_at"] = createAt + 3_600_000,
            ["visibility"] = ns == "atelier" ? "PUBLIC" : "PRIVATE",
            ["workspace_id"] = "0",
        };
    }
}
