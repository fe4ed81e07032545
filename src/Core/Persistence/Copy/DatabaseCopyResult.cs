namespace Workbench.Core.Persistence.Copy;

/// <summary>
/// The result of <see cref="DatabaseCopier.CopyAsync"/>: the outcome, a message saying what went wrong (never the
/// connection string), the counts table by table (when the copy got that far) and how many stored texts the redaction
/// boundary changed on the way (0 for a database written by this version).
/// </summary>
public sealed record DatabaseCopyResult(DatabaseCopyOutcome Outcome, string? Error, IReadOnlyList<TableCount> Counts, long RedactedValues)
{
    public bool Succeeded => Outcome == DatabaseCopyOutcome.Copied;

    internal static DatabaseCopyResult Refused(string error) => new(DatabaseCopyOutcome.Refused, error, [], 0);
}
