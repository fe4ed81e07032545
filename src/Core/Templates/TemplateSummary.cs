namespace Workbench.Core.Templates;

public sealed record TemplateSummary(
    Guid Id,
    string Name,
    string Description,
    IReadOnlyList<string> Tags,
    int LatestVersionNumber,
    DateTime UpdatedAtUtc,
    IReadOnlyList<LabelInfo> Labels);
