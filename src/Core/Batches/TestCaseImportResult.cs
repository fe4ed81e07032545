namespace Workbench.Core.Batches;

/// <summary>
/// What an import found: the cases of every good row (with the line each came from), the errors (rows or a file that
/// cannot be used) and the warnings (ignored columns or properties). Nothing is stored by the importer: with errors, the
/// caller either refuses the file or, when the user chose "import the valid rows", keeps <see cref="Cases"/>.
/// </summary>
public sealed record TestCaseImportResult(
    IReadOnlyList<TestCase> Cases,
    IReadOnlyList<int> CaseLines,
    IReadOnlyList<ImportProblem> Errors,
    IReadOnlyList<ImportProblem> Warnings)
{
    public bool Succeeded => Errors.Count == 0 && Cases.Count > 0;
}
