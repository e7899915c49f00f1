using System.Text.Json.Serialization;

namespace ModelArts.Provider.ModelArtsApi.Dto;

/// <summary>One page of <c>GET /v1/{project_id}/images</c>. <c>current</c> is 0-based in real responses.</summary>
internal sealed record ImagePage
{
    [JsonPropertyName("current")] public int? Current { get; init; }
    [JsonPropertyName("pages")] public int? Pages { get; init; }
    [JsonPropertyName("size")] public int? Size { get; init; }
    [JsonPropertyName("total")] public long? Total { get; init; }
    [JsonPropertyName("data")] public IReadOnlyList<ImageDto?>? Data { get; init; }
}
