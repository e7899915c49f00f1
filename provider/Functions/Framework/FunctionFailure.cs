namespace ModelArts.Provider.Functions.Framework;

/// <summary>
/// A user error of an invoke (bad input, no match, policy): becomes an InvokeResponse failure naming
/// <see cref="Property"/>, never a gRPC error.
/// </summary>
internal sealed class FunctionFailure(string property, string reason) : Exception(reason)
{
    public string Property { get; } = property;
    public string Reason { get; } = reason;
}
