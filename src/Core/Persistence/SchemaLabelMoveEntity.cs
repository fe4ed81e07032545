namespace Workbench.Core.Persistence;

/// <summary>Append-only record of a schema label being set, moved or removed.</summary>
public sealed class SchemaLabelMoveEntity
{
    public long Id { get; set; }
    public Guid SchemaId { get; set; }
    public required string LabelName { get; set; }
    public int? FromVersionNumber { get; set; }
    /// <summary>Null when the label was removed.</summary>
    public int? ToVersionNumber { get; set; }
    public required string MovedBy { get; set; }
    public DateTime MovedAtUtc { get; set; }
}
