namespace Workbench.Api.Batches;

/// <summary>Simulated-provider faults (e.g. <c>invalid-json@1</c>) for every run of the batch, and a seed.</summary>
internal sealed record ApiBatchSimulation(List<string>? Faults, int? Seed);
