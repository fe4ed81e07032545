using Workbench.Core.Templates;

namespace Workbench.Core.Schemas;

public sealed record SchemaSummary(
    Guid Id,
    string Name,
    string Description,
    int LatestVersionNumber,
    DateTime UpdatedAtUtc,
    IReadOnlyList<LabelInfo> Labels);
