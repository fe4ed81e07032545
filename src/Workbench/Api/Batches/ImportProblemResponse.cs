namespace Workbench.Api.Batches;

/// <summary>A problem in an imported file: line, field number, column name, message, and the whole as one readable text.</summary>
internal sealed record ImportProblemResponse(int? Line, int? Field, string? Column, string Message, string Text);
