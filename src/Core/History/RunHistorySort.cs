namespace Workbench.Core.History;

/// <summary>The columns the history can be sorted by (ties break on the run id, so pages are stable).</summary>
public enum RunHistorySort
{
    Created,
    Template,
    Version,
    Status,
    Provider,
    Model,
    Attempts,
    Author,
}
