using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelArts.IntegrationTests.Support;

namespace ModelArts.IntegrationTests.Signing;

/// <summary>
/// Huawei Cloud's own Node SDK signer (@huaweicloud/huaweicloud-sdk-core AKSKSigner) as a child process:
/// one JSON request per line in, the SDK's canonical request, signed headers and Authorization out.
/// </summary>
public sealed class HuaweiSigner : IDisposable
{
    private readonly Process _node;

    public HuaweiSigner()
    {
        var start = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "integration", "Signing", "huawei-signer.mjs"));
        _node = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
    }

    public sealed record Answer(string CanonicalRequest, string SignedHeaders, string Authorization);

    /// <param name="query">decoded pairs; a repeated key becomes the array Huawei's SDK takes for it</param>
    public Answer Sign(string method, string endpoint, string path, IEnumerable<(string Key, string Value)> query,
        IReadOnlyDictionary<string, string> headers, string? body, string accessKey, string secretKey)
    {
        var queryParams = new JsonObject();
        foreach (var group in query.GroupBy(p => p.Key))
        {
            var values = group.Select(p => p.Value).ToList();
            queryParams[group.Key] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        var request = new JsonObject
        {
            ["method"] = method, ["endpoint"] = endpoint, ["path"] = path, ["query"] = queryParams,
            ["headers"] = new JsonObject(headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value)))),
            ["body"] = body, ["accessKey"] = accessKey, ["secretKey"] = secretKey,
        };
        _node.StandardInput.WriteLine(request.ToJsonString());
        _node.StandardInput.Flush();
        var line = _node.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"Huawei's signer exited: {_node.StandardError.ReadToEnd()}");
        var answer = JsonNode.Parse(line)!;
        if (answer["error"] is { } error)
        {
            throw new InvalidOperationException($"Huawei's signer failed: {error}");
        }

        return new Answer((string)answer["canonicalRequest"]!, (string)answer["signedHeaders"]!, (string)answer["authorization"]!);
    }

    public void Dispose()
    {
        _node.StandardInput.Close();
        if (!_node.WaitForExit(5000))
        {
            _node.Kill();
        }

        _node.Dispose();
    }
}
