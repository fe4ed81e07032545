namespace Workbench.Core.Export;

/// <summary>The default test-case source and sink while test sets are not wired in: none to export, none stored on import.</summary>
public sealed class NoTestCases : ITestCaseSource, ITestCaseSink
{
    public bool CanStore => false;

    public IReadOnlyList<Templates.TemplateProblem> Check(IReadOnlyList<PackagedTestCase> cases) => [];

    public Task<IReadOnlyList<PackagedTestCase>> GetTestCasesAsync(Guid templateId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PackagedTestCase>>([]);

    public Task<int> StoreAsync(Guid templateId, IReadOnlyList<PackagedTestCase> cases, CancellationToken cancellationToken = default) =>
        Task.FromResult(0);
}
