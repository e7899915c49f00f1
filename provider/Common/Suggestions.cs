namespace ModelArts.Provider.Common;

/// <summary>"Did you mean" for misspelt names (inputs, config keys, policy keys).</summary>
internal static class Suggestions
{
    /// <summary>The closest known name within a small edit distance, compared case-insensitively; null if none is close.</summary>
    public static string? Closest(string given, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var d = Distance(given.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }

        var allowed = Math.Max(2, given.Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Ends the sentence about an unknown name: <c>; did you mean "name"?</c> when one is close, else a full stop.</summary>
    public static string DidYouMean(string given, IEnumerable<string> known) =>
        Closest(given, known) is { } s ? $"; did you mean \"{s}\"?" : ".";

    /// <summary>Levenshtein distance, capped input length so a huge name costs little.</summary>
    internal static int Distance(string a, string b)
    {
        if (a.Length > 128) a = a[..128];
        if (b.Length > 128) b = b[..128];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
