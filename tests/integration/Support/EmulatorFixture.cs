namespace ModelArts.IntegrationTests.Support;

/// <summary>One emulator (bundled catalog) per test class; tests reset it before use.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorProcess Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await EmulatorProcess.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
