namespace ModelArts.Provider.Functions.Framework;

/// <summary>Messages for the person running <c>pulumi preview</c>/<c>up</c> (the engine's log).</summary>
internal interface IUserLog
{
    /// <summary>Shown by <c>pulumi preview</c>/<c>up</c>; awaited until the engine has it.</summary>
    Task WarnAsync(string message, CancellationToken cancellationToken);

    /// <summary>A warning about one resource: <c>pulumi preview</c>/<c>up</c> shows it under that resource; awaited.</summary>
    Task WarnAboutAsync(string urn, string message, CancellationToken cancellationToken);

    /// <summary>Shown by <c>pulumi preview</c>/<c>up</c> as information; not awaited.</summary>
    Task InfoAsync(string message, CancellationToken cancellationToken);

    /// <summary>Shown with <c>pulumi preview --debug</c> (and by `make demo`).</summary>
    Task DebugAsync(string message, CancellationToken cancellationToken);
}
