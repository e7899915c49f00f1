namespace ModelArts.IntegrationTests.Support;

/// <summary>A test class on the emulator process of its fixture; counters and faults are reset before each test.</summary>
public abstract class EmulatorTest(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    protected EmulatorProcess Emulator => fixture.Emulator;

    public virtual Task InitializeAsync() => Emulator.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
