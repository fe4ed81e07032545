using Workbench.Core.Providers;

namespace Workbench.Core.Batches;

/// <summary>
/// What to run as a batch: a template (at a version, a label, or the latest), over <see cref="Cases"/> or a stored
/// <see cref="TestSet"/>, on one or more <see cref="Settings"/> (or the single <see cref="Provider"/>/<see cref="Model"/>
/// override, or the version's own), <see cref="Concurrency"/> runs at a time.
/// </summary>
public sealed record BatchRequest(string Template)
{
    public const int MaxConcurrency = 32;

    public const int MaxSettings = 10;

    public int? Version { get; init; }

    public string? Label { get; init; }

    public IReadOnlyList<TestCase>? Cases { get; init; }

    public string? TestSet { get; init; }

    public string? Provider { get; init; }

    public string? Model { get; init; }

    public IReadOnlyList<BatchSetting>? Settings { get; init; }

    public int? Concurrency { get; init; }

    public int? MaxAttempts { get; init; }

    public SimulationSettings? Simulation { get; init; }
}
