namespace Workbench.Core.Runs;

/// <summary>
/// What <see cref="RunEngine"/> derives from saved template and schema versions (parsed messages; the checked, compiled
/// schema), kept between runs so a batch of a thousand cases parses and compiles once. Saved versions are immutable
/// (ADR-002, enforced by an interceptor and triggers), so an entry never goes stale; each cache is bounded and evicts the
/// least recently used version. Names, labels and "latest" are still resolved against the database on every run.
/// </summary>
public sealed class RunPreparationCache(int capacity = RunPreparationCache.DefaultCapacity)
{
    /// <summary>Template versions and schema versions kept (each).</summary>
    public const int DefaultCapacity = 256;

    /// <summary>Parsed template versions by (template id, version number).</summary>
    public BoundedCache<(Guid TemplateId, int Number), PreparedTemplateVersion> Templates { get; } = new(capacity);

    /// <summary>Compiled schema versions by (schema id, version number).</summary>
    public BoundedCache<(Guid SchemaId, int Number), PreparedSchemaVersion> Schemas { get; } = new(capacity);
}
