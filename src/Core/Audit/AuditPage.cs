namespace Workbench.Core.Audit;

/// <summary>A page of audit entries, newest first, and how many match the filters in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}
