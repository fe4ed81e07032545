namespace Workbench.Core.Templates;

public sealed record TemplateVersionInfo(
    Guid TemplateId,
    int Number,
    int? BaseVersionNumber,
    string CommitMessage,
    string Author,
    DateTime CreatedAtUtc,
    TemplateContent Content);
