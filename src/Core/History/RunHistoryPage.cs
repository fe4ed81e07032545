namespace Workbench.Core.History;

/// <summary>One page of history rows and how many runs match the filters in all.</summary>
public sealed record RunHistoryPage(IReadOnlyList<RunHistoryRow> Rows, int Total, int Page, int PageSize)
{
    public static RunHistoryPage Empty(int pageSize) => new([], 0, 0, pageSize);
}
