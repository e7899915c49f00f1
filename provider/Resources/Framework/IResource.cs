namespace ModelArts.Provider.Resources.Framework;

/// <summary>
/// A custom resource as the protocol sees it: its declaration (token, documented inputs and outputs) and the
/// lifecycle the engine drives, on property values. User errors leave as <see cref="ResourceFailure"/>s.
/// </summary>
internal interface IResource
{
    ResourceDeclaration Declaration { get; }

    /// <summary>Validates the program's inputs (each problem on its property) and returns them with defaults.</summary>
    Task<CheckResult> CheckAsync(CheckInputs request, CancellationToken cancellationToken);

    Task<DiffResult> DiffAsync(DiffInputs request, CancellationToken cancellationToken);

    /// <summary>Also called in preview (<see cref="CreateInputs.Preview"/>): the provider says it supports preview.</summary>
    Task<ResourceState> CreateAsync(CreateInputs request, CancellationToken cancellationToken);

    /// <summary>Refresh and import; <see cref="ResourceState.Gone"/> when the resource no longer exists.</summary>
    Task<ResourceState> ReadAsync(ReadInputs request, CancellationToken cancellationToken);

    Task<ResourceState> UpdateAsync(UpdateInputs request, CancellationToken cancellationToken);

    Task DeleteAsync(DeleteInputs request, CancellationToken cancellationToken);
}
