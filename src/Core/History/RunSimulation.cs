namespace Workbench.Core.History;

/// <summary>The simulated-provider faults and seed a run was started with (as stored: fault names and a number).</summary>
public sealed record RunSimulation(IReadOnlyList<string>? Faults, int? Seed);
