using ModelArts.Provider.ModelArtsApi.Dto;
using ModelArts.Provider.Policy;

namespace ModelArts.Provider.Functions.GetImages;

/// <summary>Every allowed match, newest first (ties by name, then id), and what the policy held back.</summary>
internal sealed record GetImagesResult(IReadOnlyList<ImageDto> Images, IReadOnlyList<PolicyBreach> PolicyViolations);
