namespace ModelArts.Emulator;

/// <summary>Command line of the emulator. Every credential has a fixed default so `make emulator` needs no setup.</summary>
internal sealed record EmulatorOptions
{
    public const string DefaultAccessKey = "EMULATORACCESSKEY0001";
    public const string DefaultSecretKey = "emulator-secret-key-not-a-real-secret";
    public const string DefaultAuthToken = "emulator-auth-token-not-a-real-token";
    public const string DefaultProjectId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    public int Port { get; init; }
    public string? CatalogFile { get; init; }
    public int? Generate { get; init; }
    public string AccessKey { get; init; } = DefaultAccessKey;
    public string SecretKey { get; init; } = DefaultSecretKey;
    public string? SecurityToken { get; init; }
    public string AuthToken { get; init; } = DefaultAuthToken;
    public string ProjectId { get; init; } = DefaultProjectId;
    public FaultSettings Faults { get; init; } = new();

    public static EmulatorOptions Parse(string[] args)
    {
        var o = new EmulatorOptions();
        var faults = new FaultSettings();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--port" => o with { Port = Int(args[i], Next(), 0, 65535) },
                "--catalog" => o with { CatalogFile = Next() },
                "--generate" => o with { Generate = Int(args[i], Next(), 0, 1_000_000) },
                "--access-key" => o with { AccessKey = Next() },
                "--secret-key" => o with { SecretKey = Next() },
                "--security-token" => o with { SecurityToken = Next() },
                "--auth-token" => o with { AuthToken = Next() },
                "--project-id" => o with { ProjectId = Next() },
                "--latency-ms" => o with { Faults = faults = faults with { LatencyMs = Int(args[i], Next(), 0, 600_000) } },
                "--fail-first" => o with { Faults = faults = faults with { FailFirst = Int(args[i], Next(), 0, int.MaxValue) } },
                "--fail-every" => o with { Faults = faults = faults with { FailEvery = Int(args[i], Next(), 0, int.MaxValue) } },
                "--fail-status" => o with { Faults = faults = faults with { FailStatus = OneOf(args[i], Int(args[i], Next(), 0, 999), [429, 500, 502, 503]) } },
                "--fail-mode" => o with { Faults = faults = faults with { FailMode = OneOf(args[i], Next(), FailModes) } },
                "--retry-after" => o with { Faults = faults = faults with { RetryAfterSeconds = Int(args[i], Next(), -1, 86_400) } },
                "--help" or "-h" => throw new HelpRequested(),
                _ => throw new ArgumentException($"unknown argument {args[i]}; see --help"),
            };
        }

        if (o.CatalogFile is not null && o.Generate is not null)
        {
            throw new ArgumentException("--catalog and --generate both choose the catalog; give one of them");
        }

        return o;
    }

    public static readonly string[] FailModes = ["status", "malformed", "html", "drop", "drop-mid-body", "hang"];

    private static int Int(string flag, string text, int min, int max) =>
        int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{flag} expects a whole number from {min} to {max}, not \"{text}\"");

    private static T OneOf<T>(string flag, T value, T[] allowed) =>
        allowed.Contains(value) ? value : throw new ArgumentException($"{flag} must be one of {string.Join(", ", allowed)}, not \"{value}\"");

    /// <summary>--help: not an error; the caller prints <see cref="Usage"/> and exits 0.</summary>
    public sealed class HelpRequested : Exception;

    public const string Usage = """
        usage: modelarts-emulator [--port N] [--catalog FILE | --generate N]
               [--access-key AK] [--secret-key SK] [--security-token T] [--auth-token T] [--project-id P]
               [--latency-ms N] [--fail-first N] [--fail-every N] [--fail-status 429|500|502|503]
               [--fail-mode status|malformed|html|drop|drop-mid-body|hang] [--retry-after SECONDS]

        The ModelArts images API (GET /v1/{project_id}/images) on 127.0.0.1; prints its base URL first.
        Faults apply to list requests; request numbers count list requests since the last reset:
          --latency-ms N      delay before every list response
          --fail-first N      the first N list requests fail
          --fail-every N      every Nth list request fails
          --fail-status S     HTTP status of a "status" failure (default 429)
          --fail-mode M       status (the status above with an error body) | malformed (200, truncated JSON) |
                              html (502 HTML page) | drop (no response) | drop-mid-body | hang
          --retry-after S     Retry-After seconds sent with a 429 (-1: no header)

        At run time:
          GET  /_emulator/stats              requests, listRequests, authFailures, faultsInjected, maxInFlight
          POST /_emulator/reset              counters and faults back to the start
          POST /_emulator/catalog?generate=N replace the catalog with N generated images
          POST /_emulator/images             publish one image (a JSON object; without create_at it is the newest)
          DELETE /_emulator/images/ID        delete one image
          POST /_emulator/faults             a JSON object replacing every fault; keys (all optional):
            latencyMs, failFirst, failEvery, failStatus (429|500|502|503), failMode (as above),
            retryAfterSeconds, errorShape (standard|code-message|nested|text), hangMs (default 60000),
            growPerRequest (images added at the top after each list request), duplicateAcrossPages (bool),
            jitterMs (random extra latency per page, so pages complete out of order)
          e.g. curl -X POST -d '{"failEvery": 3, "failStatus": 503}' $URL/_emulator/faults
        """;
}
