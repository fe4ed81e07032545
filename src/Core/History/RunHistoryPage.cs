namespace Workbench.Core.History;

/// <summary>
/// One page of history rows and how many runs match the filters in all. A full-text search with no other filter stops
/// counting at <see cref="RunHistoryQuery.CountCap"/> (or a page beyond the current one): then <see cref="TotalIsLowerBound"/>
/// is true and <see cref="Total"/> means "at least" ("1,000+").
/// </summary>
public sealed record RunHistoryPage(IReadOnlyList<RunHistoryRow> Rows, int Total, int Page, int PageSize)
{
    public bool TotalIsLowerBound { get; init; }

    public static RunHistoryPage Empty(int pageSize) => new([], 0, 0, pageSize);
}
