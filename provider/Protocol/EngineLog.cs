using Grpc.Net.Client;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Protocol.Rpc;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// Messages to the user through the engine's Log RPC (stdout/stderr are only shown at debug level).
/// Connected by the launch argument, Handshake or Attach; before that, messages go to stderr.
/// </summary>
internal sealed class EngineLog(SecretRedactor redactor) : IUserLog, IDisposable
{
    private GrpcChannel? _channel;
    private Engine.EngineClient? _engine;

    public void Connect(string address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return;
        }

        var uri = address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
        var previous = _channel;
        _channel = GrpcChannel.ForAddress(uri);
        _engine = new Engine.EngineClient(_channel);
        previous?.Dispose();
    }

    public Task WarnAsync(string message, CancellationToken cancellationToken) => SendAsync(LogSeverity.Warning, message, cancellationToken);

    public Task InfoAsync(string message, CancellationToken cancellationToken) => SendAsync(LogSeverity.Info, message, cancellationToken);

    public Task DebugAsync(string message, CancellationToken cancellationToken) => SendAsync(LogSeverity.Debug, message, cancellationToken);

    private async Task SendAsync(LogSeverity severity, string message, CancellationToken cancellationToken)
    {
        var text = redactor.Redact(message);
        var engine = _engine;
        if (engine is null)
        {
            await Console.Error.WriteLineAsync($"{severity}: {text}").ConfigureAwait(false);
            return;
        }

        try
        {
            await engine.LogAsync(new LogRequest { Severity = severity, Message = text }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Grpc.Core.RpcException e)
        {
            // A log line must never fail the lookup it describes.
            await Console.Error.WriteLineAsync($"engine log unavailable ({e.StatusCode}); {severity}: {text}").ConfigureAwait(false);
        }
    }

    public void Dispose() => _channel?.Dispose();
}
