namespace Workbench.Core.Persistence.Copy;

/// <summary>Where the copy is: <paramref name="Copied"/> of <paramref name="Total"/> rows of <paramref name="Table"/> written.</summary>
public sealed record DatabaseCopyProgress(string Table, long Copied, long Total);
