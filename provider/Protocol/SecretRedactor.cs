namespace ModelArts.Provider.Protocol;

/// <summary>
/// Last line of defence: removes known secret values from any text leaving the process (engine log,
/// failures, gRPC errors, stderr). Messages are built not to contain secrets; this makes sure.
/// </summary>
internal sealed class SecretRedactor
{
    public const string Mask = "[secret]";
    private volatile string[] _secrets = [];

    public void Remember(IEnumerable<string?> secrets) =>
        _secrets = _secrets.Concat(secrets.Where(s => s is { Length: >= 4 })!).Distinct().OrderByDescending(s => s!.Length).ToArray()!;

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
