namespace Workbench.Core.Templates;

public sealed record NewTemplate(string Name, string? Description, IReadOnlyList<string> Tags, TemplateContent Content, string? CommitMessage = null);
