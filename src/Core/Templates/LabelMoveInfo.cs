namespace Workbench.Core.Templates;

public sealed record LabelMoveInfo(string LabelName, int? FromVersionNumber, int? ToVersionNumber, string MovedBy, DateTime MovedAtUtc);
