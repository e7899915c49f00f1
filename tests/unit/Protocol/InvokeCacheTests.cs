using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Protocol;
using ModelArts.Provider.Protocol.Rpc;
using static ModelArts.Provider.Functions.Framework.PropertyValue;

namespace ModelArts.UnitTests.Protocol;

public sealed class InvokeCacheTests
{
    private static ObjectValue Args(string key, PropertyValue value) => new([new(key, value)]);

    [Fact]
    public void Key_UnknownAndNullDiffer_UnknownIsNotCached()
    {
        Assert.NotNull(InvokeCache.Key("t", Args("name", NullValue.Instance)));
        Assert.Null(InvokeCache.Key("t", Args("name", UnknownValue.Instance)));
        Assert.Null(InvokeCache.Key("t", Args("name", new ArrayValue([new SpecialValue("sig")]))));
        Assert.NotEqual(InvokeCache.Key("a", ObjectValue.Empty), InvokeCache.Key("b", ObjectValue.Empty));
    }

    [Fact]
    public async Task IdenticalKeys_ComputeOnce_ConcurrentCallersShare()
    {
        var cache = new InvokeCache();
        var computed = 0;
        var gate = new TaskCompletionSource();
        async Task<InvokeResponse> Compute()
        {
            Interlocked.Increment(ref computed);
            await gate.Task;
            return new InvokeResponse();
        }

        var calls = Enumerable.Range(0, 20).Select(_ => cache.GetOrAddAsync("k", Compute, CancellationToken.None)).ToList();
        gate.SetResult();
        var answers = await Task.WhenAll(calls);

        Assert.Equal(1, computed);
        Assert.All(answers, a => Assert.Same(answers[0], a));
    }

    [Fact]
    public async Task Failure_IsNotKept()
    {
        var cache = new InvokeCache();
        var attempts = 0;
        Task<InvokeResponse> Compute() => ++attempts == 1 ? throw new InvalidOperationException("api down") : Task.FromResult(new InvokeResponse());

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrAddAsync("k", Compute, CancellationToken.None));
        await cache.GetOrAddAsync("k", Compute, CancellationToken.None);

        Assert.Equal(2, attempts);
    }
}
