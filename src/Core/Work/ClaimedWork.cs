namespace Workbench.Core.Work;

/// <summary>A work item claimed by this node: its run, the lease token that proves the claim, and the sealed payload.</summary>
public sealed record ClaimedWork(Guid RunId, Guid? BatchId, string Provider, Guid Token, int Claims, byte[] Payload);
