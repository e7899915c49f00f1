using Microsoft.Extensions.Time.Testing;

namespace ModelArts.UnitTests.ModelArtsApi;

/// <summary>
/// Drives work that waits on a <see cref="FakeTimeProvider"/>: while the work is pending, the clock moves on in small
/// steps, so backoffs of seconds pass in a few milliseconds of real time and the waited time can be asserted.
/// </summary>
internal static class FakeClock
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    /// <summary>The work's result and how much fake time it took.</summary>
    public static async Task<(T Result, TimeSpan Waited)> RunAsync<T>(FakeTimeProvider time, Func<Task<T>> work)
    {
        var start = time.GetUtcNow();
        var task = work();
        while (!task.IsCompleted)
        {
            // Let the work reach its next timer, then move the clock past a step of it.
            await Task.WhenAny(task, Task.Delay(1));
            time.Advance(Step);
        }

        return (await task, time.GetUtcNow() - start);
    }

    /// <summary>The exception the work ends with, and how much fake time it took.</summary>
    public static async Task<(TException Error, TimeSpan Waited)> FailsAsync<TException>(FakeTimeProvider time, Func<Task> work)
        where TException : Exception
    {
        var (error, waited) = await RunAsync(time, async () =>
        {
            try
            {
                await work();
                return null;
            }
            catch (TException e)
            {
                return e;
            }
        });
        Assert.NotNull(error);
        return (error!, waited);
    }
}
