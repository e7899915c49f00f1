using System.Text.Json;

namespace ModelArts.Provider.Common;

/// <summary>A JSON parse failure in a user's terms: what, where (JSON path, line and column from 1), never the text itself.</summary>
internal static class JsonErrors
{
    public static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal) is var p and >= 0 ? p : message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ');
        var where = e.Path is { Length: > 0 } path ? $" at {path}" : "";
        var position = e.LineNumber is { } line ? $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})" : "";
        return $"{reason}{where}{position}";
    }
}
