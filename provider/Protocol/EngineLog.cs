using System.Threading.Channels;
using Grpc.Net.Client;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Protocol.Rpc;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// Messages to the user through the engine's Log RPC (stdout/stderr are only shown at debug level).
/// One background sender keeps them in order; debug messages never hold up a lookup, while warnings
/// are awaited until delivered, so they are shown before the lookup's result. Connected by the launch
/// argument, Handshake or Attach; before that, messages go to stderr.
/// </summary>
internal sealed class EngineLog : IUserLog, IDisposable
{
    private readonly SecretRedactor _redactor;
    private readonly Channel<(LogRequest Request, TaskCompletionSource? Delivered)> _queue =
        Channel.CreateBounded<(LogRequest, TaskCompletionSource?)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Task _sender;
    private GrpcChannel? _channel;
    private volatile Engine.EngineClient? _engine;

    public EngineLog(SecretRedactor redactor)
    {
        _redactor = redactor;
        _sender = Task.Run(SendLoopAsync);
    }

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

    public Task WarnAsync(string message, CancellationToken cancellationToken) => EnqueueAsync(LogSeverity.Warning, message, wait: true);

    public Task WarnAboutAsync(string urn, string message, CancellationToken cancellationToken) => EnqueueAsync(LogSeverity.Warning, message, wait: true, urn);

    public Task InfoAsync(string message, CancellationToken cancellationToken) => EnqueueAsync(LogSeverity.Info, message, wait: false);

    public Task DebugAsync(string message, CancellationToken cancellationToken) => EnqueueAsync(LogSeverity.Debug, message, wait: false);

    private Task EnqueueAsync(LogSeverity severity, string message, bool wait, string urn = "")
    {
        var delivered = wait ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        var request = new LogRequest { Severity = severity, Message = _redactor.Redact(message), Urn = urn };
        if (!_queue.Writer.TryWrite((request, delivered)))
        {
            return Task.CompletedTask; // shutting down, or the engine is not reading: never fail a lookup over a log line
        }

        return delivered?.Task ?? Task.CompletedTask;
    }

    private async Task SendLoopAsync()
    {
        await foreach (var (request, delivered) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (_engine is { } engine)
                {
                    await engine.LogAsync(request, deadline: DateTime.UtcNow.AddSeconds(10)).ConfigureAwait(false);
                }
                else
                {
                    await Console.Error.WriteLineAsync($"{request.Severity}: {request.Message}").ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is Grpc.Core.RpcException or InvalidOperationException or HttpRequestException)
            {
                await Console.Error.WriteLineAsync($"engine log unavailable ({e.GetType().Name}); {request.Severity}: {request.Message}").ConfigureAwait(false);
            }
            finally
            {
                delivered?.TrySetResult();
            }
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _sender.Wait(TimeSpan.FromSeconds(2));
        _channel?.Dispose();
    }
}
