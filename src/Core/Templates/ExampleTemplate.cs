namespace Workbench.Core.Templates;

public sealed record ExampleTemplate(string Name, string Description, IReadOnlyList<string> Tags, TemplateContent Content);
