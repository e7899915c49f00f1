using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.Provider.Resources.Framework;

// The engine's resource requests as the domain sees them (pulumi/pulumi pkg/resource/plugin/provider_plugin.go
// fills the wire fields these come from). Absent structs arrive as empty objects.

/// <summary>Check: the program's new inputs, and the inputs of the last deployment (empty on create).</summary>
internal sealed record CheckInputs(string Urn, ObjectValue Olds, ObjectValue News);

/// <summary>Diff: the state (outputs) and inputs of the last deployment, and the checked new inputs.</summary>
internal sealed record DiffInputs(string Urn, string Id, ObjectValue OldOutputs, ObjectValue OldInputs, ObjectValue News);

/// <summary>Create, with <see cref="Preview"/> during <c>pulumi preview</c> (inputs may then hold unknowns).</summary>
internal sealed record CreateInputs(string Urn, ObjectValue Inputs, bool Preview);

/// <summary>Read for refresh (state and inputs given) or import (only the id).</summary>
internal sealed record ReadInputs(string Urn, string Id, ObjectValue OldOutputs, ObjectValue OldInputs);

internal sealed record UpdateInputs(string Urn, string Id, ObjectValue OldOutputs, ObjectValue OldInputs, ObjectValue News, bool Preview);

internal sealed record DeleteInputs(string Urn, string Id, ObjectValue OldOutputs);
