namespace ModelArts.Provider.Functions;

/// <summary>
/// What one successful Configure gives the functions: the policed image lookup, and a way to stop every listing in
/// flight when the engine cancels. The host builds it (API client, listing cache, policy); disposing it frees them.
/// </summary>
internal interface IConfiguredLookup : IDisposable
{
    ImageLookup Lookup { get; }

    /// <summary>The engine is shutting down: stop every listing in flight.</summary>
    void CancelAll();
}

