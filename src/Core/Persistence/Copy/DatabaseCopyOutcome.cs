namespace Workbench.Core.Persistence.Copy;

/// <summary>How a copy ended.</summary>
public enum DatabaseCopyOutcome
{
    /// <summary>Every table copied and its count checked; committed.</summary>
    Copied,

    /// <summary>Refused before anything was written: a bad source, an unreachable or non-empty target, an incomplete plan.</summary>
    Refused,

    /// <summary>Something failed while copying (including a count that does not match); the transaction was rolled back.</summary>
    Failed,

    /// <summary>Cancelled (Ctrl+C); the transaction was rolled back.</summary>
    Cancelled,
}
