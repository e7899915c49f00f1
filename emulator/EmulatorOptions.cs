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
                "--port" => o with { Port = int.Parse(Next()) },
                "--catalog" => o with { CatalogFile = Next() },
                "--generate" => o with { Generate = int.Parse(Next()) },
                "--access-key" => o with { AccessKey = Next() },
                "--secret-key" => o with { SecretKey = Next() },
                "--security-token" => o with { SecurityToken = Next() },
                "--auth-token" => o with { AuthToken = Next() },
                "--project-id" => o with { ProjectId = Next() },
                "--latency-ms" => o with { Faults = faults = faults with { LatencyMs = int.Parse(Next()) } },
                "--fail-first" => o with { Faults = faults = faults with { FailFirst = int.Parse(Next()) } },
                "--fail-every" => o with { Faults = faults = faults with { FailEvery = int.Parse(Next()) } },
                "--fail-status" => o with { Faults = faults = faults with { FailStatus = int.Parse(Next()) } },
                "--fail-mode" => o with { Faults = faults = faults with { FailMode = Next() } },
                "--retry-after" => o with { Faults = faults = faults with { RetryAfterSeconds = int.Parse(Next()) } },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"unknown argument {args[i]}\n{Usage}"),
            };
        }

        return o;
    }

    public const string Usage = """
        usage: modelarts-emulator [--port N] [--catalog FILE | --generate N]
               [--access-key AK] [--secret-key SK] [--security-token T] [--auth-token T] [--project-id P]
               [--latency-ms N] [--fail-first N] [--fail-every N] [--fail-status 429|500|502|503]
               [--fail-mode status|malformed|html|drop|drop-mid-body|hang] [--retry-after SECONDS]
        Faults can also be changed at run time: POST /_emulator/faults with a JSON body; GET /_emulator/stats.
        """;
}
