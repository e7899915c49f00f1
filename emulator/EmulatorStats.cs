using System.Collections.Concurrent;

namespace ModelArts.Emulator;

/// <summary>Request counters, read by tests and benchmarks through GET /_emulator/stats.</summary>
internal sealed class EmulatorStats
{
    private int _requests, _listRequests, _authFailures, _faultsInjected, _inFlight, _maxInFlight;
    private readonly ConcurrentDictionary<int, int> _byStatus = new();

    public int NextListRequest() => Interlocked.Increment(ref _listRequests);
    public void Request() => Interlocked.Increment(ref _requests);
    public void AuthFailure() => Interlocked.Increment(ref _authFailures);
    public void Fault() => Interlocked.Increment(ref _faultsInjected);
    public void Status(int status) => _byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);

    public IDisposable InFlight()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
        return new Leave(this);
    }

    public object Snapshot() => new Dictionary<string, object>
    {
        ["requests"] = _requests,
        ["listRequests"] = _listRequests,
        ["authFailures"] = _authFailures,
        ["faultsInjected"] = _faultsInjected,
        ["maxConcurrentListRequests"] = _maxInFlight,
        ["byStatus"] = _byStatus.ToDictionary(p => p.Key.ToString(), p => p.Value),
    };

    public void Reset()
    {
        _requests = _listRequests = _authFailures = _faultsInjected = _maxInFlight = 0;
        _byStatus.Clear();
    }

    private sealed class Leave(EmulatorStats stats) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref stats._inFlight);
    }
}
