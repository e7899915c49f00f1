using System.Text.Json.Serialization;

namespace ModelArts.Emulator;

/// <summary>
/// Faults injected into list requests. Request numbers count list requests since the last reset.
/// </summary>
internal sealed record FaultSettings
{
    /// <summary>Delay before every list response.</summary>
    [JsonPropertyName("latencyMs")] public int LatencyMs { get; init; }

    /// <summary>The first N list requests fail.</summary>
    [JsonPropertyName("failFirst")] public int FailFirst { get; init; }

    /// <summary>Every Nth list request fails.</summary>
    [JsonPropertyName("failEvery")] public int FailEvery { get; init; }

    /// <summary>HTTP status of an injected "status" failure: 429, 500, 502 or 503.</summary>
    [JsonPropertyName("failStatus")] public int FailStatus { get; init; } = 429;

    /// <summary>status | malformed (200, truncated JSON) | html (502 HTML page) | drop (no response) | drop-mid-body | hang.</summary>
    [JsonPropertyName("failMode")] public string FailMode { get; init; } = "status";

    /// <summary>Retry-After seconds sent with an injected 429 (negative: no header).</summary>
    [JsonPropertyName("retryAfterSeconds")] public int RetryAfterSeconds { get; init; } = -1;

    /// <summary>error body shape of injected failures: standard | code-message | nested | text.</summary>
    [JsonPropertyName("errorShape")] public string ErrorShape { get; init; } = "standard";

    /// <summary>How long a "hang" lasts.</summary>
    [JsonPropertyName("hangMs")] public int HangMs { get; init; } = 60_000;

    /// <summary>Images added at the top of the catalog after each list request (the catalog changes mid-listing).</summary>
    [JsonPropertyName("growPerRequest")] public int GrowPerRequest { get; init; }

    /// <summary>Each page after the first also repeats the previous page's last image.</summary>
    [JsonPropertyName("duplicateAcrossPages")] public bool DuplicateAcrossPages { get; init; }

    /// <summary>Pages are answered in a shuffled order of completion (random extra latency up to this many ms).</summary>
    [JsonPropertyName("jitterMs")] public int JitterMs { get; init; }
}
