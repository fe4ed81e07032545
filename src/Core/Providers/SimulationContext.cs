namespace Workbench.Core.Providers;

/// <summary>
/// Carries the <see cref="SimulationSettings"/> of one chat call across the OpenAI SDK into
/// <see cref="SimulatedHttpHandler"/> (an <see cref="AsyncLocal{T}"/>), and counts the HTTP tries of that call so an
/// HTTP fault hits the first try and the transport retry can succeed.
/// </summary>
internal sealed class SimulationContext(SimulationSettings settings)
{
    private static readonly AsyncLocal<SimulationContext?> CurrentContext = new();
    private int _tries;

    public static SimulationContext? Current
    {
        get => CurrentContext.Value;
        set => CurrentContext.Value = value;
    }

    public SimulationSettings Settings { get; } = settings;

    public int NextTry() => Interlocked.Increment(ref _tries);
}
