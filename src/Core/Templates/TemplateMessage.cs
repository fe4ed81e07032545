namespace Workbench.Core.Templates;

/// <summary>One chat message of a template version; <see cref="Text"/> is Liquid template source.</summary>
public sealed record TemplateMessage(MessageRole Role, string Text);
