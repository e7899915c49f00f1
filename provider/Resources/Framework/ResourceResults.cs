using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.Provider.Resources.Framework;

/// <summary>Check's answer: the inputs to use (defaults applied) and every failure, each on its property.</summary>
internal sealed record CheckResult(ObjectValue Inputs, IReadOnlyList<(string Property, string Reason)> Failures);

internal enum PropertyChangeKind
{
    Add,
    Delete,
    Update,
}

/// <summary>One changed input; <see cref="Replaces"/> when the change needs a new resource.</summary>
internal sealed record PropertyChange(string Name, PropertyChangeKind Kind, bool Replaces);

/// <summary>Diff's answer: no changes means DIFF_NONE; any change replacing makes it a replace.</summary>
internal sealed record DiffResult(IReadOnlyList<PropertyChange> Changes)
{
    public static readonly DiffResult None = new([]);

    public IEnumerable<string> Replaces => Changes.Where(c => c.Replaces).Select(c => c.Name);
}

/// <summary>A resource's id and state; an empty id (<see cref="Gone"/>) tells the engine the resource no longer exists.</summary>
internal sealed record ResourceState(string Id, ObjectValue Outputs, ObjectValue? Inputs = null)
{
    public static readonly ResourceState Gone = new("", ObjectValue.Empty);
}
