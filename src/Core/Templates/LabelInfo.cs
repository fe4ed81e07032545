namespace Workbench.Core.Templates;

public sealed record LabelInfo(string Name, int VersionNumber, string UpdatedBy, DateTime UpdatedAtUtc);
