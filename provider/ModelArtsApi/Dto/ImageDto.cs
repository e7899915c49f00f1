using System.Text.Json.Serialization;

namespace ModelArts.Provider.ModelArtsApi.Dto;

/// <summary>
/// One ImageResponse as the API sends it. Every field is optional: the API leaves fields out,
/// adds new ones (ignored) and returns enum values the docs do not list (kept as strings). Fields whose values
/// repeat across images are read through <see cref="SharedValues"/>, so a kept listing holds each value once.
/// </summary>
internal sealed record ImageDto
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("tag")] public string? Tag { get; init; }
    [JsonPropertyName("swr_path")] public string? SwrPath { get; init; }
    [JsonPropertyName("arch"), JsonConverter(typeof(SharedStringConverter))] public string? Arch { get; init; }
    [JsonPropertyName("type"), JsonConverter(typeof(SharedStringConverter))] public string? Type { get; init; }
    [JsonPropertyName("service_type"), JsonConverter(typeof(SharedStringConverter))] public string? ServiceType { get; init; }
    [JsonPropertyName("namespace"), JsonConverter(typeof(SharedStringConverter))] public string? Namespace { get; init; }
    [JsonPropertyName("workspace_id"), JsonConverter(typeof(SharedStringConverter))] public string? WorkspaceId { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("dev_services"), JsonConverter(typeof(SharedStringListConverter))] public IReadOnlyList<string>? DevServices { get; init; }
    [JsonPropertyName("resource_categories"), JsonConverter(typeof(SharedStringListConverter))] public IReadOnlyList<string>? ResourceCategories { get; init; }
    [JsonPropertyName("status"), JsonConverter(typeof(SharedStringConverter))] public string? Status { get; init; }
    [JsonPropertyName("status_message"), JsonConverter(typeof(SharedStringConverter))] public string? StatusMessage { get; init; }
    [JsonPropertyName("visibility"), JsonConverter(typeof(SharedStringConverter))] public string? Visibility { get; init; }
    [JsonPropertyName("origin"), JsonConverter(typeof(SharedStringConverter))] public string? Origin { get; init; }

    /// <summary>Image size in KB.</summary>
    [JsonPropertyName("size")] public long? Size { get; init; }

    /// <summary>Creation time, UTC milliseconds since the epoch.</summary>
    [JsonPropertyName("create_at")] public long? CreateAt { get; init; }

    /// <summary>Last update time, UTC milliseconds since the epoch.</summary>
    [JsonPropertyName("update_at")] public long? UpdateAt { get; init; }
}
