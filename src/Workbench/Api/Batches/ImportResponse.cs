namespace Workbench.Api.Batches;

/// <summary>The outcome of an import: cases stored, rows skipped, and the problems with their lines.</summary>
internal sealed record ImportResponse(string Template, string Set, int Imported, int Skipped, IReadOnlyList<ImportProblemResponse> Errors, IReadOnlyList<ImportProblemResponse> Warnings);
