using ModelArts.Provider.ModelArtsApi.Dto;

namespace ModelArts.UnitTests.Query;

/// <summary>Small image builders for query tests.</summary>
internal static class Images
{
    public static ImageDto Make(string id, string name = "img", long? createAt = 1000, string? arch = "x86_64", string? status = "ACTIVE",
        string[]? categories = null, string[]? services = null, string? tag = "1.0", string? visibility = "PUBLIC") => new()
    {
        Id = id, Name = name, CreateAt = createAt, Arch = arch, Status = status, Tag = tag, Visibility = visibility,
        ResourceCategories = categories ?? ["CPU"], DevServices = services ?? ["NOTEBOOK"], SwrPath = $"swr/{name}:{tag}",
    };
}
