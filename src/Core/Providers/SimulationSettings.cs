using Microsoft.Extensions.AI;

namespace Workbench.Core.Providers;

/// <summary>
/// Per-call instructions for the simulated provider, carried in <see cref="ChatOptions.AdditionalProperties"/>
/// under <see cref="PropertyName"/> (see <see cref="ApplyTo"/>). Real providers ignore it.
/// </summary>
public sealed record SimulationSettings
{
    public const string PropertyName = "workbench.simulation";

    /// <summary>Fault strings such as <c>invalid-json@1</c> or <c>http-429</c>; see <see cref="SimulatedFault.Names"/>.</summary>
    public IReadOnlyList<string> Faults { get; init; } = [];

    /// <summary>Varies the generated answer; the same prompt and seed give the same answer.</summary>
    public int Seed { get; init; }

    /// <summary>The run attempt (1 = initial, 2 = first repair ...), which <c>@N</c> faults are matched against.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The faults, parsed strictly; an unknown name throws with the list of valid ones.</summary>
    public IReadOnlyList<SimulatedFault> ParseFaults()
    {
        var (faults, errors) = SimulatedFault.ParseAll(Faults);
        return errors.Count == 0 ? faults : throw new ArgumentException(string.Join(" ", errors), nameof(Faults));
    }

    /// <summary>The settings of this call, or defaults (no faults, seed 0, attempt 1).</summary>
    public static SimulationSettings From(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(PropertyName, out var value) == true && value is SimulationSettings settings ? settings : new SimulationSettings();

    /// <summary>Returns options (a clone when given) carrying these settings.</summary>
    public ChatOptions ApplyTo(ChatOptions? options)
    {
        var result = options?.Clone() ?? new ChatOptions();
        result.AdditionalProperties ??= [];
        result.AdditionalProperties[PropertyName] = this;
        return result;
    }
}
