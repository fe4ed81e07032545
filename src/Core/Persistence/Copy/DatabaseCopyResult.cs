namespace Workbench.Core.Persistence.Copy;

/// <summary>
/// The result of <see cref="DatabaseCopier.CopyAsync"/>: the outcome, a message saying what went wrong (never the
/// connection string) and the counts table by table (when the copy got that far).
/// </summary>
public sealed record DatabaseCopyResult(DatabaseCopyOutcome Outcome, string? Error, IReadOnlyList<TableCount> Counts)
{
    public bool Succeeded => Outcome == DatabaseCopyOutcome.Copied;

    internal static DatabaseCopyResult Refused(string error) => new(DatabaseCopyOutcome.Refused, error, []);
}
