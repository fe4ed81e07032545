namespace Workbench.Core.Runs;

/// <summary>The first request of a run, or a follow-up asking the model to fix its previous answer.</summary>
public enum RunAttemptKind
{
    Initial,
    Repair,
}
