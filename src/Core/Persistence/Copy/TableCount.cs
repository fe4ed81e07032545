namespace Workbench.Core.Persistence.Copy;

/// <summary>The rows of one table in the SQLite source and, after the copy, in the PostgreSQL target.</summary>
public sealed record TableCount(string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}
