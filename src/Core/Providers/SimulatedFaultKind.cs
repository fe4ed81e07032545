namespace Workbench.Core.Providers;

/// <summary>Faults the simulated provider can inject. Configuration/API names are in <see cref="SimulatedFault.Names"/>.</summary>
public enum SimulatedFaultKind
{
    InvalidJson,
    MissingRequired,
    WrongType,
    ExtraProperty,
    ProseWrapped,
    Fenced,
    Truncated,
    Empty,
    Http429,
    Http500,
    Http503,
    Http529,
    Timeout,
    DropMidStream,
    SlowFirstToken,
    EchoPii,
}
