using ModelArts.Provider.Functions.Framework;

namespace ModelArts.Provider.Configuration;

/// <summary>One provider config key: its type, secrecy, environment fallbacks (first set wins) and documentation.</summary>
internal sealed record ConfigKey(string Name, PropertyType Type, string Description, bool Secret = false, IReadOnlyList<string>? Environment = null, object? Default = null)
{
    public IReadOnlyList<string> EnvironmentVariables => Environment ?? [];

    public SchemaProperty ToSchema() => new(Name, Type, Description, false, Default, Secret, Environment);
}
