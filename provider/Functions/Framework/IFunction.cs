namespace ModelArts.Provider.Functions.Framework;

/// <summary>A function as the protocol and schema see it: a token, documented inputs/outputs, and an invoke on property values.</summary>
internal interface IFunction
{
    string Token { get; }
    string Description { get; }
    IReadOnlyList<SchemaProperty> InputSchema { get; }
    IReadOnlyList<SchemaProperty> OutputSchema { get; }

    Task<InvokeOutcome> InvokeAsync(PropertyValue.ObjectValue args, CancellationToken cancellationToken);
}
