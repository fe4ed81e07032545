namespace Workbench.Core.Providers;

/// <summary>What the simulated model answers for one call, before it is streamed or sent over the simulated wire.</summary>
internal sealed record SimulatedReply(
    string Text,
    IReadOnlyList<string> Chunks,
    string FinishReason,
    int InputTokens,
    int OutputTokens,
    SimulatedFaultKind? HttpFault,
    bool SlowFirstToken,
    bool DropMidStream);
