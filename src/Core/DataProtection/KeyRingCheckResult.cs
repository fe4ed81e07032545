namespace Workbench.Core.DataProtection;

/// <summary>What <see cref="KeyRingCheck"/> found among the stored data-protection keys.</summary>
internal sealed record KeyRingCheckResult(int Decrypted, int Undecryptable, int Unencrypted);
