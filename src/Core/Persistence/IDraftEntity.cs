namespace Workbench.Core.Persistence;

/// <summary>
/// A per-user draft row (ADR-002, ADR-021): the columns every kind of draft has, so <see cref="DraftRows"/> can keep one
/// copy of the upsert and removal logic for template and schema drafts.
/// </summary>
public interface IDraftEntity
{
    string UserName { get; }

    int BaseVersionNumber { get; set; }

    /// <summary>The draft's content as a JSON document; every entity marks it <c>[Redact(IsJson = true)]</c>.</summary>
    string ContentJson { get; set; }

    DateTime UpdatedAtUtc { get; set; }
}
