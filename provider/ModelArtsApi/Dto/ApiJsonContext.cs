using System.Text.Json.Serialization;

namespace ModelArts.Provider.ModelArtsApi.Dto;

/// <summary>
/// Source-generated (AOT-safe) JSON metadata for the API's bodies. Numbers may arrive as strings
/// from some gateways, so reading them from strings is allowed.
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ImagePage))]
[JsonSerializable(typeof(ImageDto))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
