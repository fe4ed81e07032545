namespace Workbench.Core.Export;

/// <summary>An exported file: name for <c>Content-Disposition</c>, content type, text, and how many values redaction replaced.</summary>
public sealed record ExportFile(string FileName, string ContentType, string Content, int RedactedValues);
