namespace ModelArts.Provider.ModelArtsApi;

/// <summary>The ModelArts base URL for a region, unless an override is given.</summary>
internal static class ModelArtsEndpoint
{
    public static Uri Resolve(string? region, string? endpointOverride)
    {
        if (!string.IsNullOrWhiteSpace(endpointOverride))
        {
            return new Uri(endpointOverride.TrimEnd('/') + "/");
        }

        if (string.IsNullOrWhiteSpace(region))
        {
            throw new ArgumentException("either a region or an endpoint is required", nameof(region));
        }

        var domain = region.StartsWith("eu-west-1", StringComparison.Ordinal) ? "myhuaweicloud.eu" : "myhuaweicloud.com";
        return new Uri($"https://modelarts.{region}.{domain}/");
    }
}
