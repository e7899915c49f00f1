namespace ModelArts.Provider.Resources.Framework;

/// <summary>
/// A user error of a resource operation (no match, policy, changed answer): the engine shows the message and
/// the operation fails; the provider keeps serving. Leaves as a gRPC error, since these RPCs have no failures list.
/// </summary>
internal sealed class ResourceFailure(string message) : Exception(message);
