namespace Workbench.Core.Persistence.Copy;

/// <summary>
/// How one table of the model is copied: every mapped column, read in primary-key order, written with binary COPY; an
/// integer primary key has its PostgreSQL identity sequence moved past the copied ids afterwards.
/// </summary>
public sealed class TableCopyRule
{
    internal TableCopyRule(string name, IReadOnlyList<ColumnCopyRule> columns, IReadOnlyList<string> keyColumns, string? identityColumn)
    {
        Name = name;
        Columns = columns;
        KeyColumns = keyColumns;
        IdentityColumn = identityColumn;
    }

    /// <summary>The table name (the same on both engines).</summary>
    public string Name { get; }

    public IReadOnlyList<ColumnCopyRule> Columns { get; }

    /// <summary>The primary key's columns: the order rows are read in.</summary>
    public IReadOnlyList<string> KeyColumns { get; }

    /// <summary>A single integer key column whose sequence (if PostgreSQL has one) must follow the copied ids.</summary>
    public string? IdentityColumn { get; }
}
