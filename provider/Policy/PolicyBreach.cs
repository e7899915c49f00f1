using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.Provider.Policy;

/// <summary>One rule one image broke, with a reason a person can act on.</summary>
internal sealed record PolicyBreach(ImageDto Image, string Rule, string Reason);
