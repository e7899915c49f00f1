using ModelArts.Provider.Functions.Framework;

namespace ModelArts.Provider.Resources.Framework;

/// <summary>
/// What the schema says of a resource: token, description, inputs (<c>Required</c> marks required inputs) and
/// output properties (<c>Required</c> marks outputs always present).
/// </summary>
internal sealed record ResourceDeclaration(string Token, string Description, IReadOnlyList<SchemaProperty> Inputs, IReadOnlyList<SchemaProperty> Outputs);
