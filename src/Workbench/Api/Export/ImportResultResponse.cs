namespace Workbench.Api.Export;

/// <summary>The answer to an applied import: the template and version written (or already there when <see cref="Unchanged"/>).</summary>
internal sealed record ImportResultResponse(string Name, int Version, bool Created, bool Unchanged, int TestCasesStored, IReadOnlyList<string> Warnings);
