using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.Provider.Query;

/// <summary>One client-side filter, named after the input that asked for it so reports can say what removed what.</summary>
internal sealed record ClientFilter(string Input, string Criterion, Func<ImageDto, bool> Keeps);
