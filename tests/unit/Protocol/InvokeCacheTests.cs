using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Protocol;
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
        async Task<InvokeAnswer> Compute()
        {
            Interlocked.Increment(ref computed);
            await gate.Task;
            return Answer(0);
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
        Task<InvokeAnswer> Compute() => ++attempts == 1 ? throw new InvalidOperationException("api down") : Task.FromResult(Answer(0));

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrAddAsync("k", Compute, CancellationToken.None));
        await cache.GetOrAddAsync("k", Compute, CancellationToken.None);

        Assert.Equal(2, attempts);
    }

    /// <summary>An answer whose one list has <paramref name="items"/> items: its weight is 1 + items.</summary>
    private static InvokeAnswer Answer(int items) =>
        new(new ObjectValue([new("images", new ArrayValue(Enumerable.Repeat<PropertyValue>(NullValue.Instance, items).ToArray()))]), []);

    [Fact]
    public async Task KeptAnswers_StayWithinTheWeightBudget_LeastRecentlyUsedOutFirst()
    {
        var cache = new InvokeCache(budget: 3_500);
        var computed = new List<string>();
        Func<Task<InvokeAnswer>> Compute(string key) => () => { computed.Add(key); return Task.FromResult(Answer(1_000)); };

        foreach (var k in new[] { "a", "b", "c" }) await cache.GetOrAddAsync(k, Compute(k), CancellationToken.None);
        await cache.GetOrAddAsync("a", Compute("a"), CancellationToken.None); // a is now the most recently used
        await cache.GetOrAddAsync("d", Compute("d"), CancellationToken.None); // over budget: b goes
        Assert.True(cache.Kept <= 3_500, $"kept {cache.Kept}");

        foreach (var k in new[] { "a", "c", "d" }) await cache.GetOrAddAsync(k, Compute(k), CancellationToken.None);
        Assert.Equal(["a", "b", "c", "d"], computed); // a, c, d answered from memory
        await cache.GetOrAddAsync("b", Compute("b"), CancellationToken.None);
        Assert.Equal(["a", "b", "c", "d", "b"], computed); // b was evicted, so computed again
    }

    [Fact]
    public async Task AnAnswerLargerThanTheBudget_IsSharedByItsCallers_ButNotKept()
    {
        var cache = new InvokeCache(budget: 100);
        var computed = 0;
        var gate = new TaskCompletionSource();
        async Task<InvokeAnswer> Compute()
        {
            Interlocked.Increment(ref computed);
            await gate.Task;
            return Answer(1_000);
        }

        var calls = Enumerable.Range(0, 5).Select(_ => cache.GetOrAddAsync("big", Compute, CancellationToken.None)).ToList();
        gate.SetResult();
        await Task.WhenAll(calls);
        Assert.Equal(1, computed);
        Assert.Equal(0, cache.Kept);

        await cache.GetOrAddAsync("big", Compute, CancellationToken.None);
        Assert.Equal(2, computed);
    }

    [Fact]
    public async Task ManyDistinctAnswers_NeverHoldMoreThanTheBudget()
    {
        var cache = new InvokeCache(budget: 50_000);
        for (var i = 0; i < 1_000; i++)
        {
            await cache.GetOrAddAsync($"k{i}", () => Task.FromResult(Answer(1_000 + i % 7)), CancellationToken.None);
            Assert.True(cache.Kept <= 50_000);
        }

        Assert.True(cache.Kept > 40_000, "the budget is used, not wasted");
    }
}
