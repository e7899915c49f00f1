namespace ModelArts.Emulator;

/// <summary>The fault settings in force; replaced whole by POST /_emulator/faults.</summary>
internal sealed class FaultState(FaultSettings initial)
{
    private volatile FaultSettings _current = initial;

    public FaultSettings Current => _current;

    public void Set(FaultSettings settings) => _current = settings;

    /// <summary>Whether list request <paramref name="number"/> (1-based since the last reset) fails.</summary>
    public static bool Fires(FaultSettings s, int number) =>
        number <= s.FailFirst || (s.FailEvery > 0 && number % s.FailEvery == 0);
}
