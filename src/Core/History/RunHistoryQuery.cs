using Workbench.Core.Runs;

namespace Workbench.Core.History;

/// <summary>
/// Filters, sort and page of the run history. Every filter is optional; text filters match exactly (they come from
/// pick lists), <see cref="Text"/> is a full-text search over the redacted input and output, <see cref="FromUtc"/> is
/// inclusive and <see cref="ToUtc"/> exclusive. <see cref="Page"/> is 0-based.
/// </summary>
public sealed record RunHistoryQuery
{
    public const int DefaultPageSize = 25;

    public const int MaxPageSize = 200;

    /// <summary>A full-text search alone counts its matches up to this many (or one page past the current page), then says "at least".</summary>
    public const int CountCap = 1_000;

    public string? Template { get; init; }

    public int? Version { get; init; }

    public string? Label { get; init; }

    public string? Provider { get; init; }

    public string? Model { get; init; }

    public IReadOnlyList<RunStatus> Statuses { get; init; } = [];

    public Guid? BatchId { get; init; }

    public DateTime? FromUtc { get; init; }

    public DateTime? ToUtc { get; init; }

    public string? Author { get; init; }

    public string? Text { get; init; }

    public VerdictKind? Verdict { get; init; }

    public RunHistorySort Sort { get; init; } = RunHistorySort.Created;

    public bool Descending { get; init; } = true;

    public int Page { get; init; }

    public int PageSize { get; init; } = DefaultPageSize;
}
